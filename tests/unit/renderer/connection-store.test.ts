import { describe, expect, it } from 'vitest';
import type { ConnectionApi, ConnectionState } from '../../../shared/api';
import { fail } from '../../../shared/result';
import { useConnectionStore } from '../../../renderer/src/stores/connection-store';
import { freshRenderer } from './support/renderer-setup';

/** The desktop app's connection setting as main keeps it: https only (http for this computer), unless managed. */
class FakeConnection implements ConnectionApi {
  saved: (string | null)[] = [];
  constructor(public state: ConnectionState) {}
  async get() {
    return { ok: true as const, value: this.state };
  }
  async setServer(url: string | null) {
    if (this.state.managed) return fail('forbidden', 'Your district manages this setting');
    if (url !== null && !url.startsWith('https://')) return fail('invalid_input', 'The server address must start with https://', 'url');
    this.saved.push(url);
    this.state = { mode: url === null ? 'standalone' : 'server', serverUrl: url, managed: false };
    return { ok: true as const, value: this.state };
  }
}

function withConnection(state: ConnectionState): FakeConnection {
  const { api } = freshRenderer();
  const connection = new FakeConnection(state);
  Object.assign(api, { connection });
  return connection;
}

describe('the desktop app’s connection setting', () => {
  it('is not offered in a browser', async () => {
    freshRenderer();
    const store = useConnectionStore();
    await store.load();
    expect(store.offered).toBe(false);
    expect(await store.save('https://deskwatch.district.example')).toBe(false);
  });

  it('moves a standalone app to the district server, and back, restarting each time', async () => {
    const connection = withConnection({ mode: 'standalone', serverUrl: null, managed: false });
    const store = useConnectionStore();
    await store.load();
    expect(store.state).toMatchObject({ mode: 'standalone' });
    expect(await store.save('  https://deskwatch.district.example  ')).toBe(true);
    expect(store.restarting).toBe(true);
    expect(await store.save('   ')).toBe(true);
    expect(connection.saved).toEqual(['https://deskwatch.district.example', null]);
  });

  it('shows the refusal by its field and keeps the setting as it was', async () => {
    const connection = withConnection({ mode: 'standalone', serverUrl: null, managed: false });
    const store = useConnectionStore();
    await store.load();
    expect(await store.save('http://deskwatch.district.example')).toBe(false);
    expect(store.saveError).toMatchObject({ code: 'invalid_input', field: 'url' });
    expect(store.restarting).toBe(false);
    expect(connection.state.mode).toBe('standalone');
  });
});
