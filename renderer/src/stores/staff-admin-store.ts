/**
 * The staff screen's data: every staff member (active or not) and the audit of changes to them
 * (`staff.audit`: who created whom, changed a role, email, active flag or password, when). A
 * supervisor adds people, changes them and, on a district server with local accounts, sets their
 * password; the core refuses anyone else and audits every change. Both lists are read again on
 * `staff.changed`, so a change made at another console shows here too.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { StaffAuditEntry } from '../../../shared/contract';
import type { StaffMember, StaffRole } from '../../../shared/domain';
import type { ContractError } from '../../../shared/result';
import { useConsoleApi } from '../api/console-api';
import { followChanges } from './follow-changes';
import { serialRefresh } from './refresh-queue';
import { useSessionStore } from './session-store';

export interface NewStaffMember {
  name: string;
  role: StaffRole;
  /** Blank: none (a standalone console, or someone who signs in later). */
  email: string;
}

/** What may change of one staff member; absent fields stay as they are. */
export interface StaffChanges {
  name?: string;
  role?: StaffRole;
  /** Null clears it. */
  email?: string | null;
  active?: boolean;
}

/** A refusal, and the staff member it was about (null: the new staff member form). */
export interface StaffProblem {
  staffId: number | null;
  error: ContractError;
}

export const useStaffAdminStore = defineStore('staff-admin', () => {
  const api = useConsoleApi();
  const session = useSessionStore();

  const members = ref<StaffMember[]>([]);
  const audit = ref<StaffAuditEntry[]>([]);
  const loaded = ref(false);
  const loadError = ref<ContractError | null>(null);
  const auditError = ref<ContractError | null>(null);
  /** The staff member being saved (null: the new one), while the core answers. */
  const saving = ref<number | 'new' | null>(null);
  const problem = ref<StaffProblem | null>(null);
  const passwordProblem = ref<StaffProblem | null>(null);

  const refresh = serialRefresh(async () => {
    const [list, log] = await Promise.all([session.call('staff.list', {}), session.call('staff.audit', {})]);
    if (list.ok) {
      members.value = [...list.value].sort(byName);
      loaded.value = true;
      loadError.value = null;
    } else {
      loadError.value = list.error;
    }
    if (log.ok) {
      audit.value = log.value;
      auditError.value = null;
    } else {
      auditError.value = log.error;
    }
  });

  /** Keeps both lists current while the screen shows them; returns the function that stops. */
  function follow(): () => void {
    return followChanges(api, ['staff.changed'], () => void refresh());
  }


  async function create(member: NewStaffMember): Promise<StaffMember | null> {
    if (saving.value !== null) return null;
    saving.value = 'new';
    problem.value = null;
    const email = member.email.trim();
    const result = await session.call('staff.create', { name: member.name, role: member.role, ...(email ? { email } : {}) });
    saving.value = null;
    if (!result.ok) {
      problem.value = { staffId: null, error: result.error };
      return null;
    }
    take(result.value);
    void refresh();
    return result.value;
  }

  /** Sends only what changed; nothing changed is no call at all. */
  async function update(id: number, changes: StaffChanges): Promise<StaffMember | null> {
    if (saving.value !== null) return null;
    const before = members.value.find((member) => member.id === id);
    const sent = before ? onlyChanged(before, changes) : changes;
    if (Object.keys(sent).length === 0) return before ?? null;
    saving.value = id;
    problem.value = null;
    const result = await session.call('staff.update', { id, ...sent });
    saving.value = null;
    if (!result.ok) {
      problem.value = { staffId: id, error: result.error };
      return null;
    }
    take(result.value);
    void refresh();
    // Changing one's own role or name changes what the console shows and allows.
    if (id === session.currentId) void session.load();
    return result.value;
  }

  /** A local account's password (a district server); never kept here after the call. */
  async function setPassword(id: number, password: string): Promise<boolean> {
    if (saving.value !== null) return false;
    saving.value = id;
    passwordProblem.value = null;
    const result = await session.call('staff.setPassword', { id, password });
    saving.value = null;
    if (!result.ok) {
      passwordProblem.value = { staffId: id, error: result.error };
      return false;
    }
    take(result.value);
    void refresh();
    return true;
  }

  function take(member: StaffMember): void {
    members.value = [...members.value.filter((m) => m.id !== member.id), member].sort(byName);
  }

  function clearProblems(): void {
    problem.value = null;
    passwordProblem.value = null;
  }

  return {
    members,
    audit,
    loaded,
    loadError,
    auditError,
    saving,
    problem,
    passwordProblem,
    refresh,
    follow,
    create,
    update,
    setPassword,
    clearProblems,
  };
});

function onlyChanged(before: StaffMember, changes: StaffChanges): StaffChanges {
  const sent: StaffChanges = {};
  if (changes.name !== undefined && changes.name.trim() !== before.name) sent.name = changes.name;
  if (changes.role !== undefined && changes.role !== before.role) sent.role = changes.role;
  if (changes.email !== undefined) {
    const email = changes.email?.trim() ? changes.email.trim() : null;
    if (email !== (before.email ?? null)) sent.email = email;
  }
  if (changes.active !== undefined && changes.active !== before.active) sent.active = changes.active;
  return sent;
}

function byName(a: StaffMember, b: StaffMember): number {
  return a.name.localeCompare(b.name) || a.id - b.id;
}
