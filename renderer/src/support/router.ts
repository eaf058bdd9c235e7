import { createRouter, createWebHashHistory, type Router } from 'vue-router';
import HelpArticleView from './views/HelpArticleView.vue';
import HelpView from './views/HelpView.vue';
import MyRequestsView from './views/MyRequestsView.vue';
import NewRequestView from './views/NewRequestView.vue';
import RequestView from './views/RequestView.vue';
import StatusView from './views/StatusView.vue';

declare module 'vue-router' {
  interface RouteMeta {
    /** The page's name, first in the window title. */
    title?: string;
  }
}

/**
 * Hash routes, so the server answers one address (/support) and every page of the center is a
 * link an employee can keep or send (`#/requests/12`).
 */
export function createSupportRouter(): Router {
  const router = createRouter({
    history: createWebHashHistory(),
    routes: [
      { path: '/', redirect: '/new' },
      { path: '/new', name: 'new', component: NewRequestView, meta: { title: 'New request' } },
      { path: '/requests', name: 'requests', component: MyRequestsView, meta: { title: 'My requests' } },
      { path: '/requests/:id(\\d+)', name: 'request', component: RequestView, props: (to) => ({ caseId: Number(to.params.id) }), meta: { title: 'Request' } },
      { path: '/status', name: 'status', component: StatusView, meta: { title: 'System status' } },
      { path: '/help', name: 'help', component: HelpView, meta: { title: 'Help articles' } },
      { path: '/help/:id(\\d+)', name: 'help-article', component: HelpArticleView, props: (to) => ({ articleId: Number(to.params.id) }), meta: { title: 'Help article' } },
      { path: '/:unknown(.*)*', redirect: '/new' },
    ],
  });
  router.afterEach((to) => {
    document.title = to.meta.title ? `${to.meta.title} · Tech Support Center` : 'Tech Support Center';
  });
  return router;
}
