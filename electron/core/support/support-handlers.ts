/**
 * One handler per Tech Support Center channel, each calling one service as the signed-in
 * employee. (The console's channels are in electron/core/handlers/handler-table.ts.)
 */
import { DomainError } from '../errors';
import type { CoreServices } from '../services';
import type { SupportHandlerTable } from './support-dispatch';

const notYet = (what: string) => async (): Promise<never> => {
  throw new DomainError('not_found', `${what} is not available yet`);
};

export function createSupportHandlerTable(s: CoreServices): SupportHandlerTable {
  return {
    'support.start': notYet('The request form'),
    'support.me': notYet('Your profile'),
    'support.submit': async (input, employee) => s.support.submit(employee.callerId, input),
    'support.mine': notYet('Your requests'),
    'support.get': notYet('A request'),
    'support.answer': notYet('Answering'),
    'support.confirm': notYet('Confirming'),
    'support.reopen': notYet('Reopening'),
    'support.rate': notYet('Rating'),
    'support.status': notYet('The status page'),
    'support.articles': notYet('Help articles'),
    'support.article': notYet('Help articles'),
  };
}
