import type { DataSource } from 'typeorm';
import { formatCaseNumber } from '../../../../shared/domain';
import type { SimilarCase } from '../../../../shared/knowledge';
import { toIsoOrNull } from '../../instants';
import { integer } from './sql-kit';

interface CaseDetail {
  id: number | string;
  summary: string;
  resolution_notes: string | null;
  resolved_at: number | string | null;
  category: string | null;
  building: string | null;
}

/** The ranked cases as intake shows them: how each was solved, where, and the articles it cited. In the ranked order. */
export async function similarCases(db: DataSource, ids: readonly number[]): Promise<SimilarCase[]> {
  if (!ids.length) return [];
  const list = ids.map(integer).join(', ');
  const rows: CaseDetail[] = await db.query(
    `SELECT c.id AS id, c.summary AS summary, c.resolution_notes AS resolution_notes, c.resolved_at AS resolved_at,
            cat.name AS category, b.name AS building
     FROM help_case c LEFT JOIN category cat ON cat.id = c.category_id LEFT JOIN building b ON b.id = c.building_id
     WHERE c.id IN (${list})`,
  );
  const cited: { case_id: number | string; article_id: number | string }[] = await db.query(
    `SELECT case_id, article_id FROM kb_citation WHERE case_id IN (${list}) ORDER BY id`,
  );
  const articles = new Map<number, number[]>();
  for (const c of cited) articles.set(Number(c.case_id), [...(articles.get(Number(c.case_id)) ?? []), Number(c.article_id)]);
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [
      {
        caseId: id,
        caseNumber: formatCaseNumber(id),
        summary: r.summary,
        resolutionNotes: r.resolution_notes,
        resolvedAt: toIsoOrNull(r.resolved_at === null ? null : Number(r.resolved_at)),
        categoryName: r.category,
        buildingName: r.building,
        articleIds: articles.get(id) ?? [],
      },
    ];
  });
}
