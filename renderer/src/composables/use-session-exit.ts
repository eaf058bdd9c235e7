import { watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { entryRouteName } from '../router';
import { useSessionStore } from '../stores/session-store';

/**
 * When the console becomes nobody's (a session that expired or went idle, a sign-out), the screen
 * gives way to the sign-in (or welcome) screen. A session that ended by itself comes back to the
 * same screen after signing in again; the stores keep what they hold meanwhile (the intake draft
 * is stored too), so unsaved work survives where it can.
 */
export function useSessionExit(): void {
  const session = useSessionStore();
  const router = useRouter();
  const route = useRoute();
  watch(
    () => session.current,
    (now, before) => {
      if (now || !before || route.meta.public) return;
      const query = session.signedOutNotice ? { next: route.fullPath } : {};
      void router.replace({ name: entryRouteName(session.mode), query });
    },
  );
}
