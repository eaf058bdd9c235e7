/**
 * A Deskwatch core in memory for the desk calendar: staff and the calendar channels, answering as
 * the core's CalendarService does (supervisors only for changes, an impossible date refused on
 * `date`, a file that is not iCalendar refused on `ics`). Its .ics reading is deliberately small:
 * one-day all-day events become closures, timed events are skipped. The contract checks, IPC
 * cloning, call recording and events are in `FakeCoreBase`.
 */
import type { ChannelName } from '../../../../shared/channel-names';
import type { CalendarClosure, CalendarClosures, ChannelAccess, IcsImportReport } from '../../../../shared/contract';
import type { StaffMember, StaffRole } from '../../../../shared/domain';
import { FakeCoreBase, Refusal, type AnyHandler, type Handlers } from './fake-core-base';

export const HOLIDAYS_NOTE = 'US federal and Missouri public holidays close the desk too.';

export class FakeCalendarApi extends FakeCoreBase {
  closures: CalendarClosure[] = [];

  addStaff(name: string, role: StaffRole = 'supervisor'): StaffMember {
    const member = { id: this.staff.length + 1, name, role, active: true };
    this.staff.push(member);
    return member;
  }

  /** A closure added elsewhere (another console): the core announces it. */
  closeElsewhere(date: string, name: string): void {
    this.put({ date, name, source: 'district' });
    this.emit('calendar.changed', { closures: this.closures.length });
  }

  protected handlerFor(channel: ChannelName): AnyHandler | undefined {
    return this.handlers[channel];
  }

  protected actorFor(access: ChannelAccess, actorId: number | undefined): StaffMember | null {
    if (access === 'public' && actorId === undefined) return null;
    const actor = this.staff.find((member) => member.id === actorId);
    if (!actor) throw new Refusal({ code: 'unauthenticated', message: 'Choose who you are before doing this' });
    if (access !== 'public' && !access.includes(actor.role)) {
      throw new Refusal({ code: 'forbidden', message: `A ${actor.role} may not do this` });
    }
    return actor;
  }

  private list(): CalendarClosures {
    return { timeZone: 'America/Chicago', closures: this.closures.map((c) => ({ ...c })), holidays: HOLIDAYS_NOTE };
  }

  private put(closure: CalendarClosure): void {
    this.closures = [...this.closures.filter((c) => c.date !== closure.date), closure].sort((a, b) => a.date.localeCompare(b.date));
  }

  private changed(): CalendarClosures {
    this.emit('calendar.changed', { closures: this.closures.length });
    return this.list();
  }

  private readonly handlers: Handlers = {
    'staff.list': () => [...this.staff],
    'calendar.closures': () => this.list(),
    'calendar.addClosure': (input) => {
      if (!isRealDate(input.date)) throw new Refusal({ code: 'invalid_input', message: `Date: ${input.date} is not a real date`, field: 'date' });
      this.put({ date: input.date, name: input.name, source: 'district' });
      return this.changed();
    },
    'calendar.removeClosure': (input) => {
      if (!this.closures.some((c) => c.date === input.date)) {
        throw new Refusal({ code: 'not_found', message: `${input.date} is not one of the district's closure dates`, field: 'date' });
      }
      this.closures = this.closures.filter((c) => c.date !== input.date);
      return this.changed();
    },
    'calendar.importIcs': (input): IcsImportReport => {
      if (!/BEGIN:VCALENDAR/i.test(input.ics)) {
        throw new Refusal({ code: 'invalid_input', message: 'The file is not an iCalendar (.ics) file: it has no BEGIN:VCALENDAR', field: 'ics' });
      }
      const { allDay, skipped } = readEvents(input.ics);
      const added = allDay.filter((e) => !this.closures.some((c) => c.date === e.date));
      const alreadyClosed = allDay.filter((e) => this.closures.some((c) => c.date === e.date)).map((e) => e.date);
      if (!input.dryRun && added.length) {
        for (const closure of added) this.put({ ...closure, source: 'ics' });
        this.changed();
      }
      return {
        dryRun: input.dryRun === true,
        added,
        alreadyClosed,
        skipped,
        message: `${input.dryRun ? 'Would add' : 'Added'} ${added.length} closure date(s); ${alreadyClosed.length} already closed.`,
      };
    },
  };
}

function isRealDate(date: string): boolean {
  const instant = Date.parse(`${date}T12:00:00Z`);
  return !Number.isNaN(instant) && new Date(instant).toISOString().slice(0, 10) === date;
}

/** One-day events only: `DTSTART;VALUE=DATE:20261221` is all-day, `DTSTART:20261218T180000Z` is timed. */
function readEvents(ics: string): { allDay: { date: string; name: string }[]; skipped: { summary: string; reason: string }[] } {
  const allDay: { date: string; name: string }[] = [];
  const skipped: { summary: string; reason: string }[] = [];
  for (const block of ics.split(/BEGIN:VEVENT/).slice(1)) {
    const summary = /^SUMMARY:(.*)$/m.exec(block)?.[1]?.trim() ?? 'closure';
    const day = /^DTSTART;VALUE=DATE:(\d{4})(\d{2})(\d{2})\s*$/m.exec(block);
    if (day) allDay.push({ date: `${day[1]}-${day[2]}-${day[3]}`, name: summary });
    else skipped.push({ summary, reason: 'timed event: only all-day events are imported as closure dates' });
  }
  return { allDay, skipped };
}
