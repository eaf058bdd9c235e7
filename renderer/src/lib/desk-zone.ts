/**
 * Which time zone the console says instants in. Deadlines are the desk's (the agreement's
 * America/Chicago, as the core reports it), so a console elsewhere shows them in the desk's zone
 * and names it ("1:00 PM CST") rather than quietly converting them to its own.
 */
import { ref } from 'vue';

/** The desk's zone, once the core has said it (`desk.status`); null before. Reactive: screens re-render when it arrives. */
export const deskZone = ref<string | null>(null);

export function setDeskZone(zone: string | null): void {
  if (zone && zone !== deskZone.value) deskZone.value = zone;
}

/** This console's own zone. */
export function consoleZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The zone instants are shown in: the desk's, or this console's until the desk has answered. */
export function shownZone(): string {
  return deskZone.value ?? consoleZone();
}

/** Whether times in `zone` must carry its name: the console runs in another zone. */
export function zoneNeedsName(zone: string = shownZone()): boolean {
  return zone !== consoleZone();
}
