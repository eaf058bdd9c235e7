import { onMounted, onUnmounted } from 'vue';
import { useRouter } from 'vue-router';
import { useIntakeStore } from '../stores/intake-store';
import { useSessionStore } from '../stores/session-store';

/** How the shortcut is written in the interface and in `aria-keyshortcuts`. */
export const NEW_INTAKE_KEYS = 'Alt+N';
export const NEW_INTAKE_ARIA_KEYS = 'Alt+N Control+Shift+N';

/**
 * Alt+N or Ctrl+Shift+N. Ctrl+N is not used: browsers keep it for a new window and never let a page
 * have it. `code` rather than `key`, so Alt+N still counts where Alt turns N into another character
 * (macOS).
 */
export function isNewIntakeShortcut(event: KeyboardEvent): boolean {
  if (event.code !== 'KeyN' || event.metaKey) return false;
  const altN = event.altKey && !event.ctrlKey && !event.shiftKey;
  const ctrlShiftN = event.ctrlKey && event.shiftKey && !event.altKey;
  return altN || ctrlShiftN;
}

/** Opens a new intake (the intake screen with its caller search focused) from anywhere in the console. */
export function useNewIntake() {
  const router = useRouter();
  const intake = useIntakeStore();
  const session = useSessionStore();

  async function openNewIntake(): Promise<void> {
    intake.startNew();
    if (router.currentRoute.value.name !== 'intake') await router.push({ name: 'intake' });
  }

  function onKeydown(event: KeyboardEvent): void {
    if (!isNewIntakeShortcut(event) || !session.current) return;
    // A question on screen (a modal dialog) is answered first.
    if (document.querySelector('dialog[open]')) return;
    event.preventDefault();
    void openNewIntake();
  }

  /** Registers the shortcut for as long as the calling component lives. */
  function listen(): void {
    onMounted(() => window.addEventListener('keydown', onKeydown));
    onUnmounted(() => window.removeEventListener('keydown', onKeydown));
  }

  return { openNewIntake, listen };
}
