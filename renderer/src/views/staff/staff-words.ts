/** How the staff screen words a staff record and the audit of its changes. */
import type { StaffAuditEntry } from '../../../../shared/contract';
import type { StaffRole } from '../../../../shared/domain';
import { ROLE_LABELS } from '../../lib/labels';

type Audited = NonNullable<StaffAuditEntry['after']>;
const FIELDS = ['name', 'role', 'email', 'active'] as const satisfies readonly (keyof Audited)[];
const FIELD_LABELS: Record<(typeof FIELDS)[number], string> = { name: 'Name', role: 'Role', email: 'Email', active: 'Active' };

export const CHANGE_LABELS: Record<StaffAuditEntry['change'], string> = {
  created: 'Added',
  updated: 'Changed',
  password: 'Password set',
};

function valueWords(field: (typeof FIELDS)[number], value: Audited[typeof field] | undefined): string {
  if (value === undefined || value === null || value === '') return '(none)';
  if (field === 'active') return value ? 'yes' : 'no';
  if (field === 'role') return ROLE_LABELS[value as StaffRole] ?? String(value);
  return String(value);
}

/** One line per field the entry records, "Role: Agent → Supervisor"; a new record lists what it started with. */
export function auditLines(entry: StaffAuditEntry): string[] {
  if (entry.change === 'password') return ['A new password (never shown)'];
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const lines = FIELDS.filter((field) => field in after || field in before).map((field) => {
    const label = FIELD_LABELS[field];
    if (entry.change === 'created' || !(field in before)) return `${label}: ${valueWords(field, after[field])}`;
    return `${label}: ${valueWords(field, before[field])} → ${valueWords(field, after[field])}`;
  });
  // Availability settings (working hours, pager address, skills) are audited as updates too; the Availability screen shows them.
  const availability = Object.keys(after).flatMap((key) => AVAILABILITY_LABELS[key] ?? []);
  return [...lines, ...availability.map((label) => `${label} changed`)];
}

const AVAILABILITY_LABELS: Readonly<Record<string, string>> = { workingHours: 'Working hours', pagerAddress: 'Pager address', skills: 'Skills' };

/** Who made a change: a person, or nobody at a console (the command line, or a first profile created at a standalone console). */
export function actorWords(entry: StaffAuditEntry): string {
  return entry.actorName ?? 'Command line or first start';
}
