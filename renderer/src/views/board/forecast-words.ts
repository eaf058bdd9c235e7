/** The forecast's instants and verdicts in the board's words. */
import { FORECAST_VERDICT_LABELS, type CaseForecast } from '../../../../shared/forecast';
import { describeDue } from '../../lib/due-words';

/** "Likely to breach its resolution target today 3:00 PM". */
export function breachWords(c: CaseForecast, nowIso: string, zone: string): string {
  const when = c.dueAt === null ? '' : ` ${describeDue(c.dueAt, nowIso, zone)}`;
  const target = c.target === null ? '' : ` its ${c.target} target`;
  if (c.verdict === 'likely') return `Likely to breach${target}${when}`;
  if (c.verdict === 'at_risk') return `At risk of breaching${target}${when}`;
  return FORECAST_VERDICT_LABELS[c.verdict];
}

/** The short marker on a card. */
export interface CardMark {
  text: string;
  kind: string;
  moved: boolean;
}

export function cardMark(c: CaseForecast | undefined, moved: boolean, nowIso: string, zone: string): CardMark | null {
  if (c && (c.verdict === 'likely' || c.verdict === 'at_risk')) {
    const text = breachWords(c, nowIso, zone);
    return { text: moved ? `Trial move · ${text}` : text, kind: c.verdict, moved };
  }
  if (moved) return { text: `Trial move · ${c ? FORECAST_VERDICT_LABELS[c.verdict] : 'On track'}`, kind: c?.verdict ?? 'on_track', moved };
  return null;
}

/** "3.5 h". */
export function hours(ms: number): string {
  return `${(Math.round(ms / 360_000) / 10).toFixed(1)} h`;
}
