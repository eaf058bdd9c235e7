/**
 * Who may call a channel: one rule, read by the core (which enforces it) and by the renderer
 * (which shows only the actions the person may take). Never copy these rules elsewhere.
 */
import type { ChannelName } from './channel-names';
import { contract, type ChannelSpec } from './contract';
import type { StaffRole } from './domain';
import type { ConsoleMode } from './session';

function specOf(channel: ChannelName): ChannelSpec {
  return (contract as Record<ChannelName, ChannelSpec>)[channel];
}

/** Whether the channel needs no staff profile at all in this mode. */
export function isOpenChannel(channel: ChannelName, mode: ConsoleMode): boolean {
  const spec = specOf(channel);
  return spec.access === 'public' || (mode === 'standalone' && spec.standaloneAccess === 'public');
}

/** Whether the channel exists in this mode at all (a server has no console memory of its own). */
export function offeredIn(channel: ChannelName, mode: ConsoleMode): boolean {
  return mode === 'standalone' || specOf(channel).standaloneOnly !== true;
}

/** Whether a person with `role` (null: nobody chose a profile or signed in) may call `channel`. */
export function mayCall(channel: ChannelName, role: StaffRole | null, mode: ConsoleMode): boolean {
  if (!offeredIn(channel, mode)) return false;
  if (isOpenChannel(channel, mode)) return true;
  const { access } = specOf(channel);
  return role !== null && access !== 'public' && access.includes(role);
}

/** The roles that may call a channel, for messages ("it needs: technician or supervisor"). */
export function rolesFor(channel: ChannelName): readonly StaffRole[] | 'public' {
  return specOf(channel).access;
}
