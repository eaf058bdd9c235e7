/**
 * The accessibility audit of a page as it stands: axe-core's rules, with every violation of
 * impact serious or critical reported by rule, help text and the first elements it found.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

export interface AuditFinding {
  rule: string;
  impact: string;
  help: string;
  elements: string[];
}

/** The serious and critical violations on the page now (an empty list is a pass). */
export async function seriousViolations(page: Page): Promise<AuditFinding[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? 'unknown',
      help: violation.help,
      elements: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
    }));
}
