import { createRouter, createWebHashHistory, type RouteLocationRaw, type Router } from 'vue-router';
import { useSessionStore } from '../stores/session-store';
import BoardView from '../views/board/BoardView.vue';
import CalendarView from '../views/calendar/CalendarView.vue';
import CaseView from '../views/case/CaseView.vue';
import CallerImportView from '../views/intake/CallerImportView.vue';
import IntakeView from '../views/intake/IntakeView.vue';
import QueueView from '../views/queue/QueueView.vue';
import AlertSettingsView from '../views/settings/AlertSettingsView.vue';
import WelcomeView from '../views/welcome/WelcomeView.vue';

declare module 'vue-router' {
  interface RouteMeta {
    /** Shown in the window title. */
    title?: string;
    /** Reachable before anyone has said who they are. */
    public?: boolean;
    /** Only supervisors may open it (the core refuses the others too); anyone else goes to the queue. */
    supervisorOnly?: boolean;
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
      { path: '/board', name: 'board', component: BoardView, meta: { title: 'Workload board', supervisorOnly: true } },
      { path: '/intake', name: 'intake', component: IntakeView, meta: { title: 'Take a call' } },
      { path: '/callers/import', name: 'callers-import', component: CallerImportView, meta: { title: 'Import callers' } },
      { path: '/settings/alerts', name: 'alert-settings', component: AlertSettingsView, meta: { title: 'Alert settings' } },
      { path: '/calendar', name: 'calendar', component: CalendarView, meta: { title: 'Desk calendar' } },
      { path: '/:unknown(.*)*', redirect: '/queue' },
    ],
  });

  router.beforeEach(async (to): Promise<true | RouteLocationRaw> => {
    if (to.meta.public) return true;
    const session = useSessionStore();
    await session.ensureLoaded();
    if (session.current) return to.meta.supervisorOnly && session.current.role !== 'supervisor' ? { name: 'queue' } : true;
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
