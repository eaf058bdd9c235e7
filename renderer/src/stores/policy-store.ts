/**
 * The SLA policy versions (the core keeps them): the list with the version in force and the
 * annual review's state, the versions a screen shows (in force, another one to compare), and the
 * draft being edited. Everyone reads; supervisors draft, publish and record a review (the
 * contract's access says who, via `session.can`). Read again on `policy.changed`, so a version
 * published at another console shows here too.
 */
import { defineStore } from 'pinia';
import { computed, ref, toRaw } from 'vue';
import type { PolicyBody, PolicyOverview, PolicyVersionDetail } from '../../../shared/policy';
import type { ContractError } from '../../../shared/result';
import { useConsoleApi } from '../api/console-api';
import { followChanges } from './follow-changes';
import { serialRefresh } from './refresh-queue';
import { useSessionStore } from './session-store';

export interface PolicyDraft {
  /** Null: a new draft (the core names it). */
  version: string | null;
  basedOn: string | null;
  note: string;
  body: PolicyBody;
}

const plain = <T>(value: T): T => JSON.parse(JSON.stringify(toRaw(value))) as T;

export const usePolicyStore = defineStore('policy', () => {
  const api = useConsoleApi();
  const session = useSessionStore();

  const overview = ref<PolicyOverview | null>(null);
  const loadError = ref<ContractError | null>(null);
  /** Versions read whole, by name (published ones never change; drafts are read again on change). */
  const details = ref<Record<string, PolicyVersionDetail>>({});

  const draft = ref<PolicyDraft | null>(null);
  const saving = ref(false);
  const saveError = ref<ContractError | null>(null);
  const publishing = ref(false);
  const publishError = ref<ContractError | null>(null);
  const reviewError = ref<ContractError | null>(null);

  const mayEdit = computed(() => session.can('policy.saveDraft'));
  const mayPublish = computed(() => session.can('policy.publish'));
  const mayReview = computed(() => session.can('policy.markReviewed'));
  const inForce = computed(() => (overview.value ? (details.value[overview.value.inForce] ?? null) : null));

  const refresh = serialRefresh(async () => {
    const result = await session.call('policy.list', {});
    if (!result.ok) {
      loadError.value = result.error;
      return;
    }
    overview.value = result.value;
    loadError.value = null;
    // Drafts may have changed (here or at another console): read again those this screen holds; forget deleted ones.
    const listed = new Map(result.value.versions.map((v) => [v.version, v]));
    for (const [version, held] of Object.entries(details.value)) {
      const now = listed.get(version);
      if (!now) delete details.value[version];
      else if (held.state === 'draft' && (now.state !== 'draft' || now.updatedAt !== held.updatedAt)) {
        delete details.value[version];
        await load(version);
      }
    }
    await load(result.value.inForce);
  });

  async function load(version: string): Promise<PolicyVersionDetail | null> {
    const known = details.value[version];
    if (known) return known;
    const result = await session.call('policy.get', { version });
    if (!result.ok) {
      loadError.value = result.error;
      return null;
    }
    details.value = { ...details.value, [version]: result.value };
    return result.value;
  }

  function follow(): () => void {
    return followChanges(api, ['policy.changed'], () => void refresh());
  }

  /** A new draft from a version's body (the one in force by default). */
  async function startDraft(from?: string): Promise<void> {
    const base = await load(from ?? overview.value?.inForce ?? '2026.1');
    if (!base) return;
    saveError.value = null;
    draft.value = { version: null, basedOn: base.version, note: '', body: plain(base.body) };
  }

  async function editDraft(version: string): Promise<void> {
    delete details.value[version];
    const d = await load(version);
    if (!d) return;
    saveError.value = null;
    draft.value = { version: d.version, basedOn: d.basedOn, note: d.note ?? '', body: plain(d.body) };
  }

  function closeDraft(): void {
    draft.value = null;
    saveError.value = null;
    publishError.value = null;
  }

  async function saveDraft(): Promise<PolicyVersionDetail | null> {
    if (!draft.value || saving.value) return null;
    saving.value = true;
    saveError.value = null;
    const d = plain(draft.value);
    const result = await session.call('policy.saveDraft', {
      ...(d.version ? { version: d.version } : {}),
      basedOn: d.basedOn,
      body: d.body,
      note: d.note,
    });
    saving.value = false;
    if (!result.ok) {
      saveError.value = result.error;
      return null;
    }
    details.value = { ...details.value, [result.value.version]: result.value };
    if (draft.value) draft.value.version = result.value.version;
    void refresh();
    return result.value;
  }

  async function deleteDraft(version: string): Promise<boolean> {
    const result = await session.call('policy.deleteDraft', { version });
    if (!result.ok) {
      saveError.value = result.error;
      return false;
    }
    if (draft.value?.version === version) closeDraft();
    delete details.value[version];
    void refresh();
    return true;
  }

  async function publish(version: string, effectiveFrom: string, note: string): Promise<PolicyVersionDetail | null> {
    if (publishing.value) return null;
    publishing.value = true;
    publishError.value = null;
    const result = await session.call('policy.publish', { version, effectiveFrom, note });
    publishing.value = false;
    if (!result.ok) {
      publishError.value = result.error;
      return null;
    }
    details.value = { ...details.value, [version]: result.value };
    if (draft.value?.version === version) draft.value = null;
    void refresh();
    return result.value;
  }

  async function markReviewed(note: string): Promise<boolean> {
    reviewError.value = null;
    const result = await session.call('policy.markReviewed', { note });
    if (!result.ok) {
      reviewError.value = result.error;
      return false;
    }
    void refresh();
    return true;
  }

  return {
    overview,
    loadError,
    details,
    draft,
    saving,
    saveError,
    publishing,
    publishError,
    reviewError,
    mayEdit,
    mayPublish,
    mayReview,
    inForce,
    refresh,
    load,
    follow,
    startDraft,
    editDraft,
    closeDraft,
    saveDraft,
    deleteDraft,
    publish,
    markReviewed,
  };
});
