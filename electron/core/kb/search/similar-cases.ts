import type { DataSource } from 'typeorm';
import { formatCaseNumber } from '../../../../shared/domain';
import type { SimilarCase } from '../../../../shared/knowledge';
import { toIsoOrNull } from '../../instants';
import { wordsOf } from './fold';
import { integer } from './sql-kit';

interface CaseDetail {
  id: number | string;
  summary: string;
  resolution_notes: string | null;
  resolved_at: number | string | null;
  category: string | null;
  building: string | null;
  article_id: number | string | null;
}

/**
 * The ranked cases as intake shows them: how each was solved, where, and the articles it cited, in
 * the ranked order. A case reopened since the ranking listed it (listings are kept a while) is
 * left out here.
 */
export async function similarCases(db: DataSource, ids: readonly number[]): Promise<SimilarCase[]> {
  if (!ids.length) return [];
  // One statement: a case comes once per article it cited (or once, without citations).
  const rows: CaseDetail[] = await db.query(
    `SELECT c.id AS id, c.summary AS summary, c.resolution_notes AS resolution_notes, c.resolved_at AS resolved_at,
            cat.name AS category, b.name AS building, k.article_id AS article_id
     FROM help_case c LEFT JOIN category cat ON cat.id = c.category_id LEFT JOIN building b ON b.id = c.building_id
     LEFT JOIN kb_citation k ON k.case_id = c.id
     WHERE c.id IN (${ids.map(integer).join(', ')}) AND c.resolved_at IS NOT NULL AND c.status IN ('resolved', 'closed')
     ORDER BY c.id, k.id`,
  );
  const byId = new Map<number, SimilarCase>();
  for (const r of rows) {
    const id = Number(r.id);
    let found = byId.get(id);
    if (!found) {
      found = {
        caseId: id,
        caseNumber: formatCaseNumber(id),
        summary: r.summary,
        resolutionNotes: r.resolution_notes,
        resolvedAt: toIsoOrNull(r.resolved_at === null ? null : Number(r.resolved_at)),
        categoryName: r.category,
        buildingName: r.building,
        articleIds: [],
      };
      byId.set(id, found);
    }
    if (r.article_id !== null) found.articleIds.push(Number(r.article_id));
  }
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * The first `want` cases whose fixes differ: a case solved the way a better-ranked one was (the
 * same resolution notes, case and punctuation aside) tells the agent nothing new, so intake shows
 * another way it was solved instead. Cases without notes are each their own.
 */
export function distinctFixes(cases: readonly SimilarCase[], want: number): SimilarCase[] {
  const seen = new Set<string>();
  const kept: SimilarCase[] = [];
  for (const c of cases) {
    if (kept.length >= want) break;
    const fix = wordsOf(c.resolutionNotes ?? '').join(' ');
    if (fix !== '' && seen.has(fix)) continue;
    if (fix !== '') seen.add(fix);
    kept.push(c);
  }
  return kept;
}
