import { onMounted, onUnmounted } from 'vue';
import { useDeskStore } from '../stores/desk-store';

/**
 * Keeps the desk's state current while the calling component is shown: every minute (the store's
 * timer), and whenever the console window gets the focus back, since timers are slowed while a
 * window is in the background.
 */
export function useDeskStatus() {
  const desk = useDeskStore();
  let stop: (() => void) | null = null;
  const onFocus = () => void desk.refresh();
  const onVisible = () => {
    if (document.visibilityState === 'visible') void desk.refresh();
  };
  onMounted(() => {
    stop = desk.follow();
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onVisible);
  });
  onUnmounted(() => {
    stop?.();
    window.removeEventListener('focus', onFocus);
    document.removeEventListener('visibilitychange', onVisible);
  });
  return desk;
}
