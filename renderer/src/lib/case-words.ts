/**
 * Words for working a case: the lifecycle's actions, contact attempts, and the audit trail told
 * as sentences. The agreement's terms (pending user response, awaiting parts, long-term project,
 * planned maintenance) are used as they are.
 */
import type { CaseEvent, CaseStatus } from '../../../shared/domain';
import { formatArticleNumber } from '../../../shared/knowledge';
import { ACTION_RULES, type CaseAction, type ContactOutcome } from '../../../shared/lifecycle';
import { formatInstant, STATUS_LABELS } from './labels';

/** The button that opens an action's form; the form's own heading is the rule's label. */
export const ACTION_BUTTON_LABELS: Record<CaseAction, string> = {
  acknowledge: 'Acknowledge',
  start: 'Start work',
  pend: 'Pending user response',
  await_parts: 'Awaiting parts',
  parts_arrived: 'Parts arrived',
  make_project: 'Long-term project',
  plan_maintenance: 'Planned maintenance',
  resume: 'Resume work',
  resolve: 'Resolve',
  close: 'Close',
  reopen: 'Reopen',
};

/** The submit button of each action's form: says what will happen. */
export const ACTION_SUBMIT_LABELS: Record<CaseAction, string> = {
  acknowledge: 'Acknowledge the case',
  start: 'Start work now',
  pend: 'Set pending user response',
  await_parts: 'Set awaiting parts',
  parts_arrived: 'Record parts arrived',
  make_project: 'Make it a long-term project',
  plan_maintenance: 'Plan the maintenance',
  resume: 'Resume work now',
  resolve: 'Resolve the case',
  close: 'Close the case',
  reopen: 'Reopen the case',
};

export function actionTitle(action: CaseAction): string {
  return ACTION_RULES[action].label;
}

export const CONTACT_METHOD_LABELS = { phone: 'Phone', email: 'Email' } as const;

export const CONTACT_OUTCOME_LABELS: Record<ContactOutcome, string> = {
  no_answer: 'No answer',
  left_message: 'Left a message',
  emailed: 'Emailed',
  replied: 'User replied',
};

const isStatus = (value: unknown): value is CaseStatus => typeof value === 'string' && value in STATUS_LABELS;
const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null);

/** What an audit event says, beyond its kind, who and when: one line per fact. */
export function describeEvent(event: CaseEvent, staffName: (id: number) => string | null): string[] {
  const d = event.detail;
  const lines: string[] = [];
  switch (event.kind) {
    case 'created': {
      if (typeof d.priority === 'number') lines.push(`Filed as priority ${d.priority}`);
      break;
    }
    case 'updated': {
      const fields = Array.isArray(d.fields) ? d.fields.filter((f): f is string => typeof f === 'string') : [];
      if (fields.length) lines.push(`Changed ${fields.map((f) => FIELD_WORDS[f] ?? f).join(', ')}`);
      break;
    }
    case 'status_changed': {
      const from = isStatus(d.from) ? STATUS_LABELS[d.from] : null;
      const to = isStatus(d.to) ? STATUS_LABELS[d.to] : null;
      if (d.action === 'user_replied') {
        const method = d.method === 'email' ? 'by email' : 'by phone';
        lines.push(`The user replied ${method}: the clock resumed`);
      } else if (d.action === 'auto_close') {
        lines.push('Closed automatically');
      }
      if (from && to) lines.push(`${from} → ${to}`);
      if (text(d.vendor)) {
        const order = text(d.orderNumber) ? `, order ${String(d.orderNumber)}` : '';
        const expected = text(d.expectedDate) ? `, expected ${String(d.expectedDate)}` : '';
        lines.push(`Parts from ${String(d.vendor)}${order}${expected}`);
      }
      if (Array.isArray(d.phases)) {
        const phases = d.phases as { title?: unknown; targetDate?: unknown }[];
        lines.push(`Phases: ${phases.map((p) => `${String(p.title)} (by ${String(p.targetDate)})`).join('; ')}`);
      }
      const window = d.window as { startAt?: unknown; endAt?: unknown } | undefined;
      if (window && text(window.startAt) && text(window.endAt)) {
        lines.push(`Maintenance window ${formatInstant(String(window.startAt))} to ${formatInstant(String(window.endAt))}`);
      }
      if (d.kbCandidate === true) lines.push('Worth a knowledge-base article');
      if (text(d.pauseStarted)) lines.push('The clock paused');
      if (text(d.pauseEnded) && d.action !== 'user_replied') lines.push('The clock resumed');
      if (d.action === 'user_replied' && text(d.note)) lines.push(String(d.note));
      break;
    }
    case 'priority_changed': {
      if (typeof d.from === 'number' && typeof d.to === 'number') lines.push(`P${d.from} → P${d.to}`);
      const decision = d.wizardDecision as { criterion?: unknown } | null | undefined;
      if (decision && text(decision.criterion)) lines.push(`By the priority questions: ${String(decision.criterion)}`);
      break;
    }
    case 'assigned': {
      const to = typeof d.to === 'number' ? (staffName(d.to) ?? `staff member ${d.to}`) : null;
      const from = typeof d.from === 'number' ? (staffName(d.from) ?? `staff member ${d.from}`) : null;
      if (to === null) lines.push(from ? `Handed back to the queue (was ${from})` : 'Unassigned');
      else lines.push(from ? `From ${from} to ${to}` : `To ${to}`);
      if (d.bulk === true) lines.push('Part of a reassignment of several cases');
      break;
    }
    case 'note': {
      if (text(d.note)) lines.push(String(d.note));
      if (d.answer === true) lines.push('The caller answered at the Tech Support Center');
      else if (d.public === true) lines.push('Visible to the caller at the Tech Support Center');
      break;
    }
    case 'contact': {
      const method = d.method === 'email' ? 'Email' : 'Phone';
      const outcome = typeof d.outcome === 'string' && d.outcome in CONTACT_OUTCOME_LABELS ? CONTACT_OUTCOME_LABELS[d.outcome as ContactOutcome] : null;
      lines.push(outcome ? `${method} · ${outcome}` : method);
      if (text(d.note)) lines.push(String(d.note));
      break;
    }
    case 'phase_changed': {
      if (text(d.title)) lines.push(`${String(d.title)}: ${d.done === true ? 'done' : 'not done'}`);
      break;
    }
    case 'on_call_paged':
      break;
    case 'kb_cited': {
      const article = eventArticle(event);
      if (!article) break;
      const named = `${article.number}${text(d.title) ? ` “${String(d.title)}”` : ''}`;
      lines.push(d.kind === 'solved_with' ? `Solved at first contact with ${named}` : `Cited ${named}`);
      break;
    }
    case 'kb_drafted': {
      const article = eventArticle(event);
      if (article) lines.push(`Draft ${article.number}${text(d.title) ? ` “${String(d.title)}”` : ''} written from this case`);
      break;
    }
  }
  return lines;
}

/** The knowledge-base article an audit event names (a citation, a draft made from the case), for its link. */
export function eventArticle(event: CaseEvent): { id: number; number: string } | null {
  if (event.kind !== 'kb_cited' && event.kind !== 'kb_drafted') return null;
  const { articleId, articleNumber } = event.detail;
  if (typeof articleId !== 'number' || !Number.isInteger(articleId) || articleId <= 0) return null;
  return { id: articleId, number: text(articleNumber) ?? formatArticleNumber(articleId) };
}

const FIELD_WORDS: Record<string, string> = {
  summary: 'summary',
  description: 'description',
  callbackNumber: 'callback number',
  buildingId: 'building',
  room: 'room',
  categoryId: 'category',
  assetTag: 'asset tag',
  callerAvailability: 'caller availability',
  availabilityWindows: 'availability windows',
  visitAt: 'planned visit',
  visitNote: 'visit note',
};
