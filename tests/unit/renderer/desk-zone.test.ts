import { afterEach, describe, expect, it } from 'vitest';
import { consoleZone, deskZone, setDeskZone } from '../../../renderer/src/lib/desk-zone';
import { formatInstant } from '../../../renderer/src/lib/labels';

/** A zone other than this machine's, so the console and the desk differ. */
const ELSEWHERE = consoleZone() === 'Asia/Tokyo' ? 'Pacific/Auckland' : 'Asia/Tokyo';

describe('instants on screen', () => {
  afterEach(() => {
    deskZone.value = null;
  });

  it('are said in the desk zone once the desk has said it, and the zone is named when the console is elsewhere', () => {
    setDeskZone('America/Chicago');
    const shown = formatInstant('2026-11-30T19:00:00Z');
    if (consoleZone() === 'America/Chicago') expect(shown).not.toMatch(/CST/);
    else expect(shown).toMatch(/1:00\sPM CST$/);
  });

  it('are not named when the console runs in the desk zone', () => {
    setDeskZone(consoleZone());
    expect(formatInstant('2026-11-30T19:00:00Z')).not.toMatch(/[A-Z]{3,4}$|GMT/);
    setDeskZone(ELSEWHERE);
    expect(formatInstant('2026-11-30T19:00:00Z')).toMatch(/GMT\+9|JST|GMT\+13|NZDT/);
  });
});
