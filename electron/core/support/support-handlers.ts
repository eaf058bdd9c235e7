/**
 * One handler per Tech Support Center channel, each calling one service as the signed-in
 * employee. (The console's channels are in electron/core/handlers/handler-table.ts.)
 */
import type { CoreServices } from '../services';
import type { SupportHandlerTable } from './support-dispatch';

export function createSupportHandlerTable(s: CoreServices): SupportHandlerTable {
  const c = s.supportCenter;
  return {
    'support.start': async (_input, employee) => c.start.start(employee.callerId),
    'support.me': async (_input, employee) => c.start.me(employee.callerId),
    'support.submit': async (input, employee) => s.support.submit(employee.callerId, input),
    'support.mine': async (input, employee) => c.requests.mine(employee.callerId, input.open),
    'support.get': async (input, employee) => c.requests.get(employee.callerId, input.caseId),
    'support.answer': async (input, employee) => c.actions.answer(employee.callerId, input),
    'support.confirm': async (input, employee) => c.actions.confirm(employee.callerId, input),
    'support.reopen': async (input, employee) => c.actions.reopen(employee.callerId, input),
    'support.rate': async (input, employee) => c.ratings.rate(employee.callerId, input),
    'support.status': async () => c.status.page(),
    'support.articles': async (input) => c.help.find(input),
    'support.article': async (input) => c.help.get(input.id),
  };
}
