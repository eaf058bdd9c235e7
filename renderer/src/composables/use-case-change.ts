import { computed, nextTick, ref, watch, type Ref } from 'vue';
import type { ContractError, Result } from '../../../shared/result';
import { fieldErrorId, messageFor } from '../lib/field-errors';
import { useCaseStore } from '../stores/case-store';

export interface CaseChangeOptions {
  /** The form: after a refusal that names one of its fields, that field takes the focus. */
  form?: Ref<HTMLElement | null>;
  /**
   * For a refused field that is not a single control (a group of questions): focuses it and
   * returns true; false leaves it to the form's first field marked invalid.
   */
  focusField?: (field: string) => boolean;
}

/**
 * What every form on the case screen needs to change the case safely: the version of the case it
 * was opened on, the core's refusal if there is one, and whether a change is on its way.
 *
 * A change is sent with the version the form was opened on, so if someone else changed the case
 * meanwhile the core refuses it with a conflict instead of overwriting their change. Live updates
 * do not move that version; the person's own "Reload the case" after a conflict does, since they
 * have then seen the case as it is (the form keeps what they typed).
 */
export function useCaseChange(options: CaseChangeOptions = {}) {
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
      await focusRefusedField();
      return false;
    }
    return true;
  }

  /** The core's message for these fields, shown next to them: every refused field has its own. */
  const fieldError = (...fields: string[]): string | null => messageFor(problem.value, ...fields);

  /** Whether the core's refusal names this field (for aria-invalid). */
  const invalid = (...fields: string[]): 'true' | undefined => (fieldError(...fields) !== null ? 'true' : undefined);

  /**
   * What the control with this id carries when the core refused these fields: aria-invalid, and the
   * message next to it (`fieldErrorId(id)`) as its description. The alert at the top stays.
   */
  const fieldState = (id: string, ...fields: string[]) => {
    const refused = invalid(...fields);
    return { 'aria-invalid': refused, 'aria-describedby': refused ? fieldErrorId(id) : undefined };
  };

  /** Takes the person to the first field the core refused (in the form's order), so they can fix it at once. */
  async function focusRefusedField(): Promise<void> {
    const field = problem.value?.field;
    if (!field) return;
    await nextTick();
    if (options.focusField?.(field)) return;
    options.form?.value?.querySelector<HTMLElement>('input[aria-invalid="true"], select[aria-invalid="true"], textarea[aria-invalid="true"]')?.focus();
  }

  return { version, problem, saving, stale, capture, run, invalid, fieldError, fieldState };
}
