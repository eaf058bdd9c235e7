import { nextTick } from 'vue';

/**
 * After a failed submit: focus the form's first field marked invalid, so the keyboard and the
 * screen reader land on the first thing to fix (its message is read as its description).
 */
export async function focusFirstInvalid(form: HTMLElement | null): Promise<void> {
  await nextTick();
  form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}

/** Moves focus to the page's heading (tabindex -1), so a screen reader says where the employee arrived. */
export async function focusHeading(): Promise<void> {
  await nextTick();
  document.querySelector<HTMLElement>('#support-main h1')?.focus();
}
