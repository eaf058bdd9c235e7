import { createRouter, createWebHashHistory, type RouteLocationRaw, type Router } from 'vue-router';
import { useSessionStore } from '../stores/session-store';
import CaseView from '../views/case/CaseView.vue';
import QueueView from '../views/queue/QueueView.vue';
import WelcomeView from '../views/welcome/WelcomeView.vue';

declare module 'vue-router' {
  interface RouteMeta {
    /** Shown in the window title. */
    title?: string;
    /** Reachable before anyone has said who they are. */
    public?: boolean;
  }
}

/**
 * Hash history: the same URLs work whether the page came from the browser-mode server or from a
 * file inside the Electron app, where there is no server to answer deep links.
 */
export function createConsoleRouter(): Router {
  const router = createRouter({
    history: createWebHashHistory(),
    routes: [
      { path: '/', redirect: '/queue' },
      { path: '/welcome', name: 'welcome', component: WelcomeView, meta: { title: 'Who are you?', public: true } },
      { path: '/queue', name: 'queue', component: QueueView, meta: { title: 'Case queue' } },
      { path: '/cases/:id', name: 'case', component: CaseView, props: true, meta: { title: 'Case' } },
      { path: '/:unknown(.*)*', redirect: '/queue' },
    ],
  });

  router.beforeEach(async (to): Promise<true | RouteLocationRaw> => {
    if (to.meta.public) return true;
    const session = useSessionStore();
    await session.ensureLoaded();
    if (session.current) return true;
    return { name: 'welcome', query: to.fullPath === '/queue' ? {} : { next: to.fullPath } };
  });

  router.afterEach((to) => {
    document.title = to.meta.title ? `${to.meta.title} · Deskwatch` : 'Deskwatch';
  });

  return router;
}

/** Where to go once someone has chosen who they are: back where they were heading, or the queue. */
export function afterWelcome(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('/welcome') ? next : '/queue';
}
