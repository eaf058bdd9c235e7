/** Who may take an action, in words, from the contract's one access rule (never restated by hand). */
import { rolesFor } from '../../../shared/access';
import type { ChannelName } from '../../../shared/channel-names';

const PLURAL = { agent: 'agents', technician: 'technicians', supervisor: 'supervisors' } as const;

/** "supervisors", "agents and supervisors", "agents, technicians and supervisors"; "everyone" for an open channel. */
export function whoMay(channel: ChannelName): string {
  const roles = rolesFor(channel);
  if (roles === 'public') return 'everyone';
  const words = roles.map((role) => PLURAL[role]);
  return words.length <= 1 ? (words[0] ?? 'nobody') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}
