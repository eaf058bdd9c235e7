import { createRouter, createWebHashHistory, type RouteLocationRaw, type Router } from 'vue-router';
import type { ChannelName } from '../../../shared/channel-names';
import { useSessionStore } from '../stores/session-store';
import AnnouncementEditView from '../views/announcements/AnnouncementEditView.vue';
import AnnouncementsView from '../views/announcements/AnnouncementsView.vue';
import AnnouncementView from '../views/announcements/AnnouncementView.vue';
import BoardView from '../views/board/BoardView.vue';
import CalendarView from '../views/calendar/CalendarView.vue';
import CaseView from '../views/case/CaseView.vue';
import CaseSearchView from '../views/cases/CaseSearchView.vue';
import CallerImportView from '../views/intake/CallerImportView.vue';
import IntakeView from '../views/intake/IntakeView.vue';
import ArticleEditView from '../views/kb/ArticleEditView.vue';
import ArticleHistoryView from '../views/kb/ArticleHistoryView.vue';
import ArticleNewView from '../views/kb/ArticleNewView.vue';
import ArticleView from '../views/kb/ArticleView.vue';
import KnowledgeView from '../views/kb/KnowledgeView.vue';
import MailOutboxView from '../views/mail/MailOutboxView.vue';
import PolicyView from '../views/policy/PolicyView.vue';
import QueueView from '../views/queue/QueueView.vue';
import AlertSettingsView from '../views/settings/AlertSettingsView.vue';
import ConnectionView from '../views/settings/ConnectionView.vue';
import SignInView from '../views/sign-in/SignInView.vue';
import StaffView from '../views/staff/StaffView.vue';
import WelcomeView from '../views/welcome/WelcomeView.vue';

declare module 'vue-router' {
  interface RouteMeta {
    /** Shown in the window title. */
    title?: string;
    /** Reachable before anyone has said who they are. */
    public?: boolean;
    /** Only people who may call this channel open the screen (the core refuses the others too); anyone else goes to the queue. */
    needs?: ChannelName;
  }
}

/** The screens where a console says who is at it: choosing a profile (standalone) or signing in (server). */
const ENTRY_ROUTES = new Set(['welcome', 'sign-in']);

/**
 * Hash history: the same URLs work whether the page came from a server or from a file inside the
 * Electron app, where there is no server to answer deep links.
 */
export function createConsoleRouter(): Router {
  const router = createRouter({
    history: createWebHashHistory(),
    routes: [
      { path: '/', redirect: '/queue' },
      { path: '/welcome', name: 'welcome', component: WelcomeView, meta: { title: 'Who are you?', public: true } },
      { path: '/sign-in', name: 'sign-in', component: SignInView, meta: { title: 'Sign in', public: true } },
      { path: '/queue', name: 'queue', component: QueueView, meta: { title: 'Case queue' } },
      { path: '/cases/search', name: 'case-search', component: CaseSearchView, meta: { title: 'Find cases', needs: 'cases.search' } },
      { path: '/cases/:id', name: 'case', component: CaseView, props: true, meta: { title: 'Case' } },
      { path: '/board', name: 'board', component: BoardView, meta: { title: 'Workload board', needs: 'queue.workload' } },
      { path: '/intake', name: 'intake', component: IntakeView, meta: { title: 'Take a call' } },
      { path: '/callers/import', name: 'callers-import', component: CallerImportView, meta: { title: 'Import callers' } },
      { path: '/settings/connection', name: 'connection', component: ConnectionView, meta: { title: 'Connection', public: true } },
      { path: '/settings/alerts', name: 'alert-settings', component: AlertSettingsView, meta: { title: 'Alert settings' } },
      { path: '/calendar', name: 'calendar', component: CalendarView, meta: { title: 'Desk calendar' } },
      { path: '/policy', name: 'policy', component: PolicyView, meta: { title: 'Service levels', needs: 'policy.list' } },
      { path: '/availability', name: 'availability', component: () => import('../views/availability/AvailabilityView.vue'), meta: { title: 'Availability' } },
      { path: '/staff', name: 'staff', component: StaffView, meta: { title: 'Staff', needs: 'staff.update' } },
      // Loaded when first opened: the charts' library stays out of the other screens' bundle.
      { path: '/reports', name: 'reports', component: () => import('../views/reports/ReportsView.vue'), meta: { title: 'Reports', needs: 'reports.sla' } },
      { path: '/kb', name: 'kb', component: KnowledgeView, meta: { title: 'Knowledge base' } },
      { path: '/kb/new', name: 'kb-new', component: ArticleNewView, meta: { title: 'New article', needs: 'kb.create' } },
      { path: '/kb/:id', name: 'kb-article', component: ArticleView, props: true, meta: { title: 'Article' } },
      { path: '/kb/:id/edit', name: 'kb-edit', component: ArticleEditView, props: true, meta: { title: 'Edit article', needs: 'kb.update' } },
      { path: '/kb/:id/history', name: 'kb-history', component: ArticleHistoryView, props: true, meta: { title: 'Article history' } },
      { path: '/announcements', name: 'announcements', component: AnnouncementsView, meta: { title: 'Announcements' } },
      { path: '/announcements/new', name: 'announcement-new', component: AnnouncementEditView, meta: { title: 'New announcement', needs: 'announcements.save' } },
      { path: '/announcements/:id(\\d+)', name: 'announcement', component: AnnouncementView, props: true, meta: { title: 'Announcement' } },
      { path: '/announcements/:id(\\d+)/edit', name: 'announcement-edit', component: AnnouncementEditView, props: true, meta: { title: 'Edit announcement', needs: 'announcements.save' } },
      // Mail is the district server's: a standalone console's screen says so rather than listing nothing.
      { path: '/mail', name: 'mail', component: MailOutboxView, meta: { title: 'Email outbox', needs: 'mail.outbox' } },
      { path: '/:unknown(.*)*', redirect: '/queue' },
    ],
  });

  router.beforeEach(async (to): Promise<true | RouteLocationRaw> => {
    const session = useSessionStore();
    await session.ensureLoaded();
    // A server never shows the welcome screen, a standalone console never the sign-in screen.
    const entry = entryRouteName(session.mode);
    if (typeof to.name === 'string' && ENTRY_ROUTES.has(to.name)) {
      if (to.name !== entry) return { name: entry, query: to.query };
      // Signed in already (back from single sign-on): straight on to where the person was heading.
      if (to.name === 'sign-in' && session.current) return afterWelcome(to.query.next);
      return true;
    }
    if (to.meta.public) return true;
    if (!session.current) return { name: entry, query: to.fullPath === '/queue' ? {} : { next: to.fullPath } };
    return to.meta.needs && !session.can(to.meta.needs) ? { name: 'queue' } : true;
  });

  router.afterEach((to) => {
    document.title = to.meta.title ? `${to.meta.title} · Deskwatch` : 'Deskwatch';
  });

  return router;
}

/** Where a console says who is at it; an unknown mode (the first answer failed) shows the welcome screen and its error. */
export function entryRouteName(mode: 'standalone' | 'server' | null): 'welcome' | 'sign-in' {
  return mode === 'server' ? 'sign-in' : 'welcome';
}

/** Where to go once someone has said who they are: back where they were heading, or the queue. */
export function afterWelcome(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/welcome') && !next.startsWith('/sign-in')
    ? next
    : '/queue';
}
