import { computed, ref, watch } from 'vue';
import type { ContractError, Result } from '../../../shared/result';
import { useCaseStore } from '../stores/case-store';

/**
 * What every form on the case screen needs to change the case safely: the version of the case it
 * was opened on, the core's refusal if there is one, and whether a change is on its way.
 *
 * A change is sent with the version the form was opened on, so if someone else changed the case
 * meanwhile the core refuses it with a conflict instead of overwriting their change. Live updates
 * do not move that version; the person's own "Reload the case" after a conflict does, since they
 * have then seen the case as it is (the form keeps what they typed).
 */
export function useCaseChange() {
  const store = useCaseStore();
  const version = ref(store.detail?.case.version ?? 0);
  const problem = ref<ContractError | null>(null);
  const saving = ref(false);

  /** Takes the version on screen now: call it when the form opens. */
  function capture(): void {
    version.value = store.detail?.case.version ?? 0;
    problem.value = null;
  }
  watch(
    () => store.reviews,
    () => {
      version.value = store.detail?.case.version ?? 0;
      problem.value = null;
    },
  );

  /** True when the case moved on since the form was opened: saving would be refused. */
  const stale = computed(() => store.detail !== null && store.detail.case.version !== version.value);

  async function run<T>(change: (version: number) => Promise<Result<T>>): Promise<boolean> {
    if (saving.value) return false;
    saving.value = true;
    problem.value = null;
    const result = await change(version.value);
    saving.value = false;
    if (!result.ok) {
      problem.value = result.error;
      return false;
    }
    return true;
  }

  /** Whether the core's refusal names this field (for aria-invalid). */
  const invalid = (...fields: string[]) => (problem.value?.field && fields.some((f) => problem.value?.field === f || problem.value?.field?.startsWith(`${f}.`)) ? 'true' : undefined);

  return { version, problem, saving, stale, capture, run, invalid };
}
