import type { RouteLocationRaw } from 'vue-router';
import type { ShellNavigation } from '../../../../shared/contract';

/** The route for a screen the desktop shell asks for (a clicked notification, the tray menu). */
export function routeForShell(where: ShellNavigation, hasIntakeRoute: boolean): RouteLocationRaw {
  switch (where.to) {
    case 'case':
      return caseRoute(where.caseId);
    case 'queue':
      return '/queue';
    case 'intake':
      // The intake screen where the console has one; the queue's new case form otherwise.
      // A call from the phone system carries its number: the intake looks the caller up (phone-pop-store).
      if (!hasIntakeRoute) return '/queue';
      return where.phone ? { name: 'intake', query: { phone: where.phone } } : { name: 'intake' };
  }
}

export function caseRoute(caseId: number): string {
  return `/cases/${caseId}`;
}
