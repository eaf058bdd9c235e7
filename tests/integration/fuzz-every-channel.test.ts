/**
 * Every channel, many inputs: shapes generated from the channel's own schema, mixed with hostile
 * values (huge numbers, ids past PostgreSQL's integer, NUL and other control characters, very long
 * text, emoji, wrong types, nested junk). Whatever comes in, the core answers with a contract
 * error or a result; `internal` means a service threw something it did not expect, which is a bug.
 *
 * DESKWATCH_FUZZ_RUNS (inputs per channel and database) and DESKWATCH_FUZZ_SEED widen or replay a run;
 * DESKWATCH_FUZZ_DEBUG prints how many answers of each code a run gave.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ManualClock } from '../../electron/core/clock';
import { startCore, type Core } from '../../electron/core/core';
import { CHANNEL_NAMES } from '../../shared/channel-names';
import { contract, type CalendarClosures } from '../../shared/contract';
import { DATABASE_KINDS, freshDatabase, type FreshDatabase } from '../support/databases';
import { MONDAY_MORNING, newCaseInput } from '../support/core-fixture';

const RUNS = Number(process.env.DESKWATCH_FUZZ_RUNS ?? 30);
const SEED = Number(process.env.DESKWATCH_FUZZ_SEED ?? 20_261_202);

const HOSTILE_NUMBERS = [0, -1, 1.5, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 53, Number.MAX_SAFE_INTEGER, 1e308, -1e308, -0, Number.NaN, Infinity];
const HOSTILE_TEXT = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0001\u0002\u001b[31m\u007f',
  '\t\r\n\u2028\u2029',
  '\ud800',
  '👩🏽‍💻🔥🇺🇸',
  'مرحبا עברית',
  "'; DROP TABLE cases; --",
  '%_\\',
  '"quoted", with, commas\nsecond line',
  'x'.repeat(10_001),
  ' '.repeat(300),
  'é'.repeat(2_001),
  '2026-02-30',
  '0000-01-01',
  '9999-12-31',
  '2026-12-04T25:00',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00Z',
  '2026-12-04T08:00:00-06:00',
  '1e999',
  // Full-text search syntax on both databases (FTS5 MATCH, tsquery).
  '"',
  'a"b',
  '*',
  'NEAR(a b)',
  'name:pat',
  '-pat ^x',
  '((',
  'AND OR NOT',
  '{a b}',
  "&|!:*<->'",
  '\\',
  '🔥'.repeat(100),
  'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260101\r\nRRULE:FREQ=SECONDLY\r\nEND:VEVENT\r\nEND:VCALENDAR',
];
const JUNK: unknown[] = [null, true, false, [], {}, [[[]]], { a: { b: { c: [1, { d: null }] } } }, [1, 'two', null], { toString: 'x' }, { __proto__: { polluted: 1 } }];

const hostileNumber = fc.constantFrom(...HOSTILE_NUMBERS);
const hostileText = fc.constantFrom(...HOSTILE_TEXT);
const hostileAny = fc.oneof(hostileNumber, hostileText, fc.constantFrom(...JUNK), fc.anything({ maxDepth: 2, maxKeys: 4 }));

/** Strings a desk would type, plus what a schema's checks look for (dates, instants, phones, emails). */
const plausibleText = fc.oneof(
  fc.constantFrom('Pat Teacher', 'Printer offline', 'x25888', '573-214-3333', 'pat@district.example', 'Hickman HS', '2026-12-04', '2026-12-05T08:00:00-06:00', 'agent', 'buildings'),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);
const plausibleNumber = fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: -5, max: 60 }), fc.integer());

interface Def {
  type: string;
  checks?: { _zod: { def: { check: string; maximum?: number; minimum?: number; value?: number } } }[];
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  options?: z.ZodType[];
  element?: z.ZodType;
  entries?: Record<string, string>;
  values?: unknown[];
}
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The bound a check of `kind` sets on a string's length or a number ('less_than' is .max, 'greater_than' .min/.positive). */
function limit(def: Def, kind: string): number | undefined {
  const check = def.checks?.find((c) => c._zod.def.check === kind)?._zod.def;
  return check?.maximum ?? check?.minimum ?? check?.value;
}

/** Text exactly at a length limit, in one-unit, accented and astral (two units each) characters. */
function atLength(max: number | undefined): fc.Arbitrary<string> {
  // Files may be 20 MB; one such call is its own test below, not a few dozen here.
  const n = Math.min(max ?? 10, 200_000);
  return fc.constantFrom('x'.repeat(n), 'é'.repeat(n), '𝒳'.repeat(Math.ceil(n / 2)), ` ${'y'.repeat(n)} `, `${'z'.repeat(n)}!`);
}

const cell = fc.oneof(plausibleText, hostileText.filter((t) => !t.includes('\u0000')), fc.constantFrom('Hickman High School', 'x12', '', '""'));
/** Caller exports: known and unknown headers, quoted and bare cells, hostile values. */
const csvFile = fc
  .tuple(
    fc.shuffledSubarray(['Name', 'First name', 'Last name', 'Email', 'Phone', 'Ext', 'School', 'Building', 'Room', 'Dept', 'Title', 'Employee ID', 'Junk', 'Name'], { minLength: 1 }),
    fc.array(fc.array(cell, { maxLength: 15 }), { maxLength: 12 }),
    fc.constantFrom('\n', '\r\n'),
  )
  .map(([headers, rows, eol]) => [headers.join(','), ...rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))].join(eol));
const icsValue = fc.constantFrom('20260105', '20261224', '19000101', '99991231', '00000101', '20261345', 'garbage', '20260105T080000Z', '20260105T080000');
const icsEvent = fc
  .record({
    start: icsValue,
    end: fc.option(icsValue),
    dateOnly: fc.boolean(),
    rrule: fc.option(fc.constantFrom('FREQ=DAILY', 'FREQ=DAILY;COUNT=1000000', 'FREQ=SECONDLY', 'FREQ=YEARLY;BYMONTH=13', 'FREQ=WEEKLY;UNTIL=garbage', 'FREQ=;;', 'FREQ=DAILY;INTERVAL=0', 'FREQ=MONTHLY;BYMONTHDAY=31')),
    summary: cell.map((t) => t.replace(/[\r\n]/g, ' ')),
    status: fc.option(fc.constantFrom('CANCELLED', 'CONFIRMED', '???')),
  })
  .map((e) => {
    const date = (v: string) => (e.dateOnly ? `;VALUE=DATE:${v}` : `:${v}`);
    return [
      'BEGIN:VEVENT',
      `UID:${e.start}-${e.summary.length}`,
      `DTSTART${date(e.start)}`,
      ...(e.end ? [`DTEND${date(e.end)}`] : []),
      ...(e.rrule ? [`RRULE:${e.rrule}`] : []),
      ...(e.status ? [`STATUS:${e.status}`] : []),
      `SUMMARY:${e.summary}`,
      'END:VEVENT',
    ].join('\r\n');
  });
const icsFile = fc.array(icsEvent, { maxLength: 6 }).map((events) => ['BEGIN:VCALENDAR', 'VERSION:2.0', ...events, 'END:VCALENDAR', ''].join('\r\n'));
/** Fields that carry a file get files: plausible ones, broken in the ways real exports are. */
const FILES: Record<string, fc.Arbitrary<string>> = { csv: csvFile, ics: icsFile };

/** An input shaped like `schema` (valid or nearly so), with a hostile value anywhere now and then. */
function arbitraryFor(schema: z.ZodType, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: shaped(schema, depth), weight: 5 }, { arbitrary: hostileAny, weight: 1 });
}

function shaped(schema: z.ZodType, depth: number): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const keys = Object.entries(def.shape ?? {});
      const record = Object.fromEntries(keys.map(([key, value]) => [key, FILES[key] ? fc.oneof(FILES[key], arbitraryFor(value, depth + 1)) : arbitraryFor(value, depth + 1)]));
      // Usually every field (so the call reaches the service), sometimes a few left out.
      const full = fc.record(record);
      const partial = fc.record(record, { requiredKeys: [] });
      return fc.oneof({ arbitrary: full, weight: 3 }, { arbitrary: partial, weight: 1 });
    }
    case 'optional':
      return fc.oneof({ arbitrary: arbitraryFor(def.innerType!, depth), weight: 3 }, { arbitrary: fc.constant(undefined), weight: 1 });
    case 'nullable':
      return fc.oneof({ arbitrary: arbitraryFor(def.innerType!, depth), weight: 3 }, { arbitrary: fc.constant(null), weight: 1 });
    case 'default':
    case 'readonly':
      return shaped(def.innerType!, depth);
    case 'pipe':
      return shaped(def.in!, depth);
    case 'union':
      return fc.oneof(...(def.options ?? []).map((option) => shaped(option, depth)));
    case 'array':
      return depth > 3 ? fc.constant([]) : fc.array(arbitraryFor(def.element!, depth + 1), { maxLength: 4 });
    case 'enum':
      return fc.oneof({ arbitrary: fc.constantFrom(...Object.values(def.entries ?? {})), weight: 4 }, { arbitrary: plausibleText, weight: 1 });
    case 'literal':
      return fc.constantFrom(...(def.values ?? []));
    case 'string': {
      const max = limit(def, 'max_length');
      return fc.oneof({ arbitrary: plausibleText, weight: 4 }, { arbitrary: hostileText, weight: 1 }, { arbitrary: atLength(max), weight: max === undefined ? 0 : 1 });
    }
    case 'number': {
      const edges = [limit(def, 'less_than'), limit(def, 'greater_than')].filter((n): n is number => n !== undefined).flatMap((n) => [n - 1, n, n + 1]);
      return fc.oneof({ arbitrary: plausibleNumber, weight: 4 }, { arbitrary: hostileNumber, weight: 1 }, { arbitrary: fc.constantFrom(0, ...edges), weight: edges.length ? 1 : 0 });
    }
    case 'boolean':
      return fc.boolean();
    default:
      return hostileAny;
  }
}

interface Finding {
  channel: string;
  input: string;
  message: string;
  logged: string;
}

function preview(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'string' && v.length > 60 ? `${v.slice(0, 60)}…(${v.length})` : v)) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

describe.each(DATABASE_KINDS)('fuzzing every channel on %s', (kind) => {
  let db: FreshDatabase;
  let core: Core;
  const logged: string[] = [];
  let supervisorId = 0;

  beforeAll(async () => {
    db = await freshDatabase(kind);
    core = await startCore({
      database: db.config,
      clock: new ManualClock(MONDAY_MORNING),
      log: (message: string, error: unknown) => logged.push(`${message}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    });
    // A few rows of each kind, so small ids and versions in generated inputs reach real records.
    const staff = core.services.staff;
    supervisorId = (await staff.create({ name: 'Sam Supervisor', role: 'supervisor' })).id;
    await staff.create({ name: 'Tess Technician', role: 'technician' });
    await staff.create({ name: 'Al Agent', role: 'agent' });
    const meta = { actorId: supervisorId };
    const seeded = [
      await core.dispatch('callers.create', { name: 'Pat Teacher', email: 'pat@district.example', extension: '25888' }, meta),
      await core.dispatch('cases.create', newCaseInput(), meta),
      await core.dispatch('cases.create', newCaseInput({ callerId: 1, summary: 'Projector dim', priority: 2, priorityReason: 'Exam' }), meta),
      await core.dispatch('cases.transition', { id: 2, version: 1, action: 'acknowledge' }, meta),
      await core.dispatch('cases.transition', { id: 1, version: 1, action: 'make_project', phases: [{ title: 'Order', targetDate: '2026-12-10' }] }, meta),
      await core.dispatch('calendar.addClosure', { date: '2026-12-24', name: 'Winter break' }, meta),
      await core.dispatch('views.save', { name: 'Mine', filter: { mine: true } }, meta),
    ];
    expect(seeded.filter((r) => !r.ok)).toEqual([]);
  }, 60_000);

  afterAll(async () => {
    await core?.close();
    await db?.dispose();
  });

  it('answers every generated input with a result or a contract error, never internal', async () => {
    const findings: Finding[] = [];
    const counts: Record<string, number> = {};
    for (const [index, channel] of CHANNEL_NAMES.entries()) {
      const inputs = fc.sample(arbitraryFor(contract[channel].input), { numRuns: RUNS, seed: SEED + index });
      // The empty object and junk at the top level, every time.
      const startedAt = Date.now();
      for (const input of [{}, ...inputs, ...JUNK]) {
        const before = logged.length;
        const result = await core.dispatch(channel, input, { actorId: supervisorId });
        const code = result.ok ? 'ok' : result.error.code;
        counts[code] = (counts[code] ?? 0) + 1;
        if (!result.ok && result.error.code === 'internal') {
          findings.push({ channel, input: preview(input), message: result.error.message, logged: logged.slice(before).join('\n').slice(0, 600) });
        }
      }
      if (process.env.DESKWATCH_FUZZ_DEBUG) console.log(`${kind}: ${channel} ${Date.now() - startedAt} ms`);
    }
    if (process.env.DESKWATCH_FUZZ_DEBUG) console.log(`${kind}: answers by code ${JSON.stringify(counts)}`);
    expect(findings).toEqual([]);
    // The run reached the services, not only the validator.
    expect(counts.ok ?? 0).toBeGreaterThan(CHANNEL_NAMES.length);
  }, 120_000);

  it('refuses NUL in any text and ids past PostgreSQL’s integer with invalid_input naming the field', async () => {
    const meta = { actorId: supervisorId };
    const cases: [string, Record<string, unknown>, string][] = [
      ['cases.create', newCaseInput({ summary: 'Printer\u0000 jam' }), 'summary'],
      ['cases.create', newCaseInput({ description: 'a\u0000b' }), 'description'],
      ['cases.addNote', { id: 1, note: '\u0000' }, 'note'],
      ['callers.create', { name: 'Pat', room: 'B\u00002' }, 'room'],
      ['callers.search', { query: 'pat\u0000' }, 'query'],
      ['callers.import', { csv: 'Name\nPat\u0000 Teacher\n' }, 'csv'],
      ['calendar.importIcs', { ics: 'BEGIN:VCALENDAR\u0000' }, 'ics'],
      ['views.save', { name: 'Mine', filter: { text: 'x\u0000' } }, 'filter.text'],
      ['cases.get', { id: 2 ** 31 }, 'id'],
      ['callers.card', { id: 2 ** 40 }, 'id'],
      ['cases.addNote', { id: 2 ** 31, note: 'Called back' }, 'id'],
      ['cases.transition', { id: 1, version: 2 ** 31, action: 'acknowledge' }, 'version'],
      ['cases.assign', { cases: [{ id: 1, version: 1 }], assigneeId: 2 ** 31 }, 'assigneeId'],
    ];
    for (const [channel, input, field] of cases) {
      const result = await core.dispatch(channel, input, meta);
      expect(result, `${channel} ${field}`).toMatchObject({ ok: false, error: { code: 'invalid_input', field } });
    }
    const fromHost = await core.dispatch('cases.list', {}, { actorId: 2 ** 31 });
    expect(fromHost).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'caller.actorId' } });
  });

  it('imports hostile but well-formed files: long event names, many events on one day, a daily event for years', async () => {
    const meta = { actorId: supervisorId };
    const event = (uid: string, summary: string, extra = '') =>
      `BEGIN:VEVENT\r\nUID:${uid}\r\nDTSTART;VALUE=DATE:20270104\r\n${extra}SUMMARY:${summary}\r\nEND:VEVENT\r\n`;
    const ics = [
      'BEGIN:VCALENDAR\r\nVERSION:2.0\r\n',
      event('long', 'Snow day '.repeat(60)),
      ...Array.from({ length: 30 }, (_, i) => event(`same-${i}`, `Closure number ${i} of the district`)),
      event('daily', 'Every day', 'RRULE:FREQ=DAILY\r\n'),
      'END:VCALENDAR\r\n',
    ].join('');
    const result = await core.dispatch('calendar.importIcs', { ics, from: '2027-01-01', to: '2036-12-31', dryRun: false }, meta);
    expect(result.ok ? 'ok' : result.error).toBe('ok');
    const closures = await core.dispatch('calendar.closures', {}, meta);
    expect(closures.ok && (closures.value as CalendarClosures).closures.every((c) => c.name.length <= 200)).toBe(true);
    const tooLong = await core.dispatch('calendar.importIcs', { ics, from: '2027-01-01', to: '2047-12-31' }, meta);
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'to' } });

    // A whole file on one line (a quote never closed): refused by its line, not parsed for minutes.
    const oneLine = await core.dispatch('callers.import', { csv: `Name,Notes\nPat,"${'x'.repeat(19_000_000)}` }, meta);
    expect(oneLine).toMatchObject({ ok: true, value: { rejected: true, problems: [{ line: 2, reason: expect.stringContaining('longer than 100,000 characters') }] } });
  });

  it('refuses a hostile actor id from a host as invalid input, never internal', async () => {
    for (const actorId of [...HOSTILE_NUMBERS, '1', null, {}]) {
      const result = await core.dispatch('cases.list', {}, { actorId: actorId as number | null });
      expect(result.ok ? 'ok' : result.error.code, `actorId ${String(actorId)}`).not.toBe('internal');
    }
  });
});
