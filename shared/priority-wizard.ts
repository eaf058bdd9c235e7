/**
 * The priority wizard's decision, as data beside the SLA policy. Questions are in the
 * agreement's terms ("Request Priorities"); rules are tried in order and the first that
 * matches decides, so Priority 1's criteria always win.
 */
import type { Priority } from './domain';

export const AFFECTED_COUNTS = ['one', 'two_to_five', 'more_than_five'] as const;
export type AffectedCount = (typeof AFFECTED_COUNTS)[number];

export const WORK_EFFECTS = ['stopped', 'slowed', 'minimal', 'none'] as const;
export type WorkEffect = (typeof WORK_EFFECTS)[number];

export interface WizardAnswers {
  securityOrSafety: boolean;
  missionCritical: boolean;
  affected: AffectedCount;
  workEffect: WorkEffect;
}

export interface WizardQuestion<K extends keyof WizardAnswers = keyof WizardAnswers> {
  key: K;
  text: string;
  options: readonly { value: WizardAnswers[K]; label: string }[];
}

/** Asked in this order; options are answered by number keys 1…n in the console. */
export const WIZARD_QUESTIONS: readonly WizardQuestion[] = [
  {
    key: 'securityOrSafety',
    text: 'Is there a security or safety concern?',
    options: [
      { value: false, label: 'No' },
      { value: true, label: 'Yes' },
    ],
  },
  {
    key: 'missionCritical',
    text: 'Is it mission critical?',
    options: [
      { value: false, label: 'No' },
      { value: true, label: 'Yes' },
    ],
  },
  {
    key: 'affected',
    text: 'How many people are affected?',
    options: [
      { value: 'one', label: 'One person' },
      { value: 'two_to_five', label: 'Two to five' },
      { value: 'more_than_five', label: 'More than five' },
    ],
  },
  {
    key: 'workEffect',
    text: 'How is their work affected?',
    options: [
      { value: 'stopped', label: 'Stopped, no workaround' },
      { value: 'slowed', label: 'Slowed, a workaround is available' },
      { value: 'minimal', label: 'Minimal effect' },
      { value: 'none', label: 'None, or planned / long-range work' },
    ],
  },
] as const;

interface WizardRule {
  id: string;
  priority: Priority;
  /** The agreement's criterion, as shown to the agent and stored in the audit log. */
  criterion: string;
  when: (a: WizardAnswers) => boolean;
}

export const WIZARD_RULES: readonly WizardRule[] = [
  { id: 'p1-security-safety', priority: 1, criterion: 'There is a security or safety concern', when: (a) => a.securityOrSafety },
  { id: 'p1-mission-critical', priority: 1, criterion: 'Is mission critical', when: (a) => a.missionCritical },
  {
    id: 'p1-more-than-five-stopped',
    priority: 1,
    criterion: 'Affects more than five individuals and there is no workaround available',
    when: (a) => a.affected === 'more_than_five' && a.workEffect === 'stopped',
  },
  {
    id: 'p2-up-to-five-stopped',
    priority: 2,
    criterion: 'Affects one to five individuals and no workaround available',
    when: (a) => a.affected !== 'more_than_five' && a.workEffect === 'stopped',
  },
  {
    id: 'p3-several-slowed',
    priority: 3,
    criterion: 'Affects more than one person and a workaround is available',
    when: (a) => a.affected !== 'one' && a.workEffect === 'slowed',
  },
  {
    id: 'p4-one-slowed',
    priority: 4,
    criterion: 'Affects one individual; a workaround is available',
    when: (a) => a.affected === 'one' && a.workEffect === 'slowed',
  },
  {
    id: 'p4-minimal',
    priority: 4,
    criterion: 'Minimal to no effect on productivity',
    when: (a) => a.workEffect === 'minimal',
  },
  {
    id: 'p5-none-or-planned',
    priority: 5,
    criterion: 'No effect on productivity, or long range completion date',
    when: (a) => a.workEffect === 'none',
  },
];

export interface WizardDecision {
  priority: Priority;
  ruleId: string;
  criterion: string;
}

export function decidePriority(answers: WizardAnswers): WizardDecision {
  const rule = WIZARD_RULES.find((r) => r.when(answers));
  // The last rule covers workEffect 'none' and the others cover every other effect, so one always matches.
  if (!rule) throw new Error(`no wizard rule matches ${JSON.stringify(answers)}`);
  return { priority: rule.priority, ruleId: rule.id, criterion: rule.criterion };
}
