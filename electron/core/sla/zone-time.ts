/**
 * Wall-clock time in an IANA zone ⇄ instants (epoch ms). Convention 5 of the SLA lives here:
 * a local time that does not exist (spring forward) moves forward by the gap; one that occurs
 * twice (fall back) is the earlier instant. Luxon supplies the zone offsets; the choice between
 * candidate instants is ours, because Luxon's own pick for ambiguous times varies by zone.
 */
import { IANAZone } from 'luxon';
import { civilDayOf, pad2, yearMonthDayOf, type CivilDay } from './civil-date';

const MS_PER_DAY = 86_400_000;
const zones = new Map<string, IANAZone>();

/** Zone names already checked. Bounded, because names come from input (a batch may send many bad ones). */
const zoneValidity = new Map<string, boolean>();
const MAX_CHECKED_ZONES = 10_000;

export function isKnownZone(name: string): boolean {
  if (typeof name !== 'string' || name.length === 0) return false;
  let known = zoneValidity.get(name);
  if (known === undefined) {
    // Luxon asks Intl to build a formatter on every call: microseconds each, so ask once per name.
    known = IANAZone.isValidZone(name);
    if (zoneValidity.size >= MAX_CHECKED_ZONES) zoneValidity.clear();
    zoneValidity.set(name, known);
  }
  return known;
}

function zoneFor(name: string): IANAZone {
  let zone = zones.get(name);
  if (zone === undefined) {
    zone = IANAZone.create(name);
    zones.set(name, zone);
  }
  return zone;
}

function rawOffsetMs(zone: string, t: number): number {
  return Math.round(zoneFor(zone).offset(t) * 60_000);
}

/** A UTC day of a zone: its offset, and the instant within the day at which it changes, if it does. */
interface DaySpan {
  before: number;
  changeAt: number;
  after: number;
}

const MAX_SPANS_PER_ZONE = 100_000;
const spansByZone = new Map<string, Map<number, DaySpan>>();

/**
 * Offset of the zone's wall clock from UTC at instant t, in ms (Chicago in winter: -21,600,000).
 * Asking Intl costs microseconds, and compiling a calendar asks thousands of times, so offsets are
 * cached per UTC day: a day whose two ends share an offset is taken as constant (no real zone
 * changes offset twice within 24 hours), otherwise the change is located once, to the second.
 */
let lastZone = '';
let lastSpans: Map<number, DaySpan> | undefined;

export function zoneOffsetMs(zone: string, t: number): number {
  // Calls come in runs on one zone: skip the lookup by name then.
  let spans = zone === lastZone ? lastSpans : spansByZone.get(zone);
  if (spans === undefined) {
    spans = new Map();
    spansByZone.set(zone, spans);
  }
  lastZone = zone;
  lastSpans = spans;
  const dayIndex = Math.floor(t / MS_PER_DAY);
  let span = spans.get(dayIndex);
  if (span === undefined) {
    if (spans.size >= MAX_SPANS_PER_ZONE) spans.clear();
    span = daySpan(zone, spans, dayIndex);
    spans.set(dayIndex, span);
  }
  return t < span.changeAt ? span.before : span.after;
}

function locateChange(zone: string, dayIndex: number, before: number): DaySpan {
  let lo = (dayIndex * MS_PER_DAY) / 1000;
  let hi = lo + 86_400;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (rawOffsetMs(zone, mid * 1000) === before) lo = mid;
    else hi = mid;
  }
  return { before, changeAt: hi * 1000, after: rawOffsetMs(zone, hi * 1000) };
}

function daySpan(zone: string, spans: Map<number, DaySpan>, dayIndex: number): DaySpan {
  const start = dayIndex * MS_PER_DAY;
  // Neighbouring days share their boundary offsets: reuse them rather than ask Intl again.
  const before = spans.get(dayIndex - 1)?.after ?? rawOffsetMs(zone, start);
  const after = spans.get(dayIndex + 1)?.before ?? rawOffsetMs(zone, start + MS_PER_DAY);
  if (before === after) return { before, changeAt: Infinity, after };
  // Zone rules change on whole seconds: search seconds for the first one with the new offset.
  return locateChange(zone, dayIndex, before);
}

/**
 * The instant at which the zone's wall clock reads the given local time.
 * `localMs` is the wall time written as if it were UTC (Date.UTC of the fields).
 */
export function instantOfLocal(zone: string, localMs: number): number {
  // Real zones change offset at most once in any 48 hours, so the offsets a day either side
  // are the only candidates.
  const before = zoneOffsetMs(zone, localMs - MS_PER_DAY);
  const after = zoneOffsetMs(zone, localMs + MS_PER_DAY);
  // Of the candidates that read back to the same wall time, the earlier one (no array: this runs per case).
  const first = localMs - before;
  if (zoneOffsetMs(zone, first) === before) {
    const second = localMs - after;
    return after !== before && zoneOffsetMs(zone, second) === after && second < first ? second : first;
  }
  if (after !== before) {
    const second = localMs - after;
    if (zoneOffsetMs(zone, second) === after) return second;
  }
  // No candidate: the time falls in a gap. Reading it with the offset in force before the gap
  // lands the same distance past the gap's end, i.e. it moves forward by the gap.
  return localMs - before;
}

/** Instant of a local date plus seconds since local midnight (may be 86,400 for 24:00). */
export function instantOfLocalDay(zone: string, civilDay: CivilDay, secondsOfDay: number): number {
  return instantOfLocal(zone, civilDay * MS_PER_DAY + secondsOfDay * 1000);
}

export interface LocalDateTime {
  civilDay: CivilDay;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  offsetMs: number;
}

export function localDateTimeOf(zone: string, t: number): LocalDateTime {
  const offsetMs = zoneOffsetMs(zone, t);
  const wall = t + offsetMs;
  const civilDay = Math.floor(wall / MS_PER_DAY);
  const msOfDay = wall - civilDay * MS_PER_DAY;
  const { year, month, day } = yearMonthDayOf(civilDay);
  return {
    civilDay,
    year,
    month,
    day,
    hour: Math.floor(msOfDay / 3_600_000),
    minute: Math.floor(msOfDay / 60_000) % 60,
    second: Math.floor(msOfDay / 1000) % 60,
    millisecond: msOfDay % 1000,
    offsetMs,
  };
}

/** Date texts by civil day: a batch formats thousands of instants on a few hundred days. */
const dateTexts = new Map<CivilDay, string>();
const MAX_DATE_TEXTS = 100_000;

function dateText(civilDay: CivilDay): string {
  let text = dateTexts.get(civilDay);
  if (text === undefined) {
    const { year, month, day } = yearMonthDayOf(civilDay);
    text = `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
    if (dateTexts.size >= MAX_DATE_TEXTS) dateTexts.clear();
    dateTexts.set(civilDay, text);
  }
  return text;
}

const offsetTexts = new Map<number, string>();

/** ISO 8601 with the zone's offset, e.g. 2026-03-05T07:00:00-06:00 (milliseconds only when not zero). */
export function formatInstant(zone: string, t: number): string {
  const offsetMs = zoneOffsetMs(zone, t);
  const wall = t + offsetMs;
  const civilDay = Math.floor(wall / MS_PER_DAY);
  const msOfDay = wall - civilDay * MS_PER_DAY;
  const millisecond = msOfDay % 1000;
  const ms = millisecond === 0 ? '' : `.${String(millisecond).padStart(3, '0')}`;
  let offset = offsetTexts.get(offsetMs);
  if (offset === undefined) {
    offset = formatOffset(offsetMs);
    offsetTexts.set(offsetMs, offset);
  }
  const hour = Math.floor(msOfDay / 3_600_000);
  const minute = Math.floor(msOfDay / 60_000) % 60;
  const second = Math.floor(msOfDay / 1000) % 60;
  return `${dateText(civilDay)}T${pad2(hour)}:${pad2(minute)}:${pad2(second)}${ms}${offset}`;
}

function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  return `${sign}${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

export function localMsOf(year: number, month: number, day: number, secondsOfDay: number, millisecond = 0): number {
  return civilDayOf(year, month, day) * MS_PER_DAY + secondsOfDay * 1000 + millisecond;
}
