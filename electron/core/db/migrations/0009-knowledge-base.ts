import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const pk = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
const instant = (name: string, isNullable = false) => ({ name, type: 'bigint', isNullable });
const fk = (column: string, table: string, onDelete?: 'CASCADE') =>
  new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], ...(onDelete ? { onDelete } : {}) });

/**
 * The knowledge base: articles (Markdown bodies, the buildings they apply to), every version of
 * each, image attachments stored with the article, and the cases that cited an article. The
 * search indexes over articles and resolved cases come in the next migration.
 */
export class KnowledgeBase1765152000000 implements MigrationInterface {
  name = 'KnowledgeBase1765152000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'kb_article',
        columns: [
          pk,
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'problem', type: 'text' },
          { name: 'solution', type: 'text' },
          { name: 'category_id', type: 'integer', isNullable: true },
          // JSON array of strings: read whole with the article, never queried apart.
          { name: 'systems', type: 'text' },
          { name: 'audience', type: 'varchar', length: '16' },
          { name: 'state', type: 'varchar', length: '16' },
          { name: 'owner_id', type: 'integer', isNullable: true },
          { name: 'review_due', type: 'varchar', length: '10', isNullable: true },
          instant('last_reviewed_at', true),
          { name: 'source_case_id', type: 'integer', isNullable: true },
          { name: 'version', type: 'integer' },
          instant('created_at'),
          instant('updated_at'),
          instant('published_at', true),
          { name: 'created_by_id', type: 'integer', isNullable: true },
        ],
        checks: [
          { name: 'kb_article_state_known', expression: `state IN ('draft', 'published', 'retired')` },
          { name: 'kb_article_audience_known', expression: `audience IN ('staff', 'public')` },
        ],
        foreignKeys: [fk('category_id', 'category'), fk('owner_id', 'staff_member'), fk('created_by_id', 'staff_member'), fk('source_case_id', 'help_case')],
        indices: [
          new TableIndex({ name: 'idx_kb_article_state', columnNames: ['state', 'updated_at'] }),
          new TableIndex({ name: 'idx_kb_article_category', columnNames: ['category_id'] }),
          new TableIndex({ name: 'idx_kb_article_source_case', columnNames: ['source_case_id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'kb_article_building',
        columns: [
          { name: 'article_id', type: 'integer', isPrimary: true },
          { name: 'building_id', type: 'integer', isPrimary: true },
        ],
        foreignKeys: [fk('article_id', 'kb_article', 'CASCADE'), fk('building_id', 'building')],
        indices: [new TableIndex({ name: 'idx_kb_article_building_building', columnNames: ['building_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'kb_article_version',
        columns: [
          pk,
          { name: 'article_id', type: 'integer' },
          { name: 'number', type: 'integer' },
          instant('at'),
          { name: 'actor_id', type: 'integer', isNullable: true },
          { name: 'change', type: 'varchar', length: '16' },
          { name: 'state', type: 'varchar', length: '16' },
          { name: 'note', type: 'text', isNullable: true },
          // JSON of the article's editable fields as they stood after this change.
          { name: 'fields', type: 'text' },
        ],
        checks: [{ name: 'kb_version_change_known', expression: `change IN ('created', 'edited', 'published', 'retired', 'restored', 'reviewed', 'imported')` }],
        uniques: [{ name: 'uq_kb_article_version', columnNames: ['article_id', 'number'] }],
        foreignKeys: [fk('article_id', 'kb_article', 'CASCADE'), fk('actor_id', 'staff_member')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'kb_attachment',
        columns: [
          pk,
          { name: 'article_id', type: 'integer' },
          { name: 'file_name', type: 'varchar', length: '200' },
          { name: 'media_type', type: 'varchar', length: '32' },
          { name: 'bytes', type: 'integer' },
          { name: 'sha256', type: 'varchar', length: '64' },
          // Base64: the same text column on both databases, and what every transport carries anyway.
          { name: 'data_base64', type: 'text' },
          instant('created_at'),
          { name: 'created_by_id', type: 'integer', isNullable: true },
        ],
        foreignKeys: [fk('article_id', 'kb_article', 'CASCADE'), fk('created_by_id', 'staff_member')],
        indices: [new TableIndex({ name: 'idx_kb_attachment_article', columnNames: ['article_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'kb_citation',
        columns: [
          pk,
          { name: 'article_id', type: 'integer' },
          { name: 'case_id', type: 'integer' },
          { name: 'kind', type: 'varchar', length: '16' },
          instant('at'),
          { name: 'actor_id', type: 'integer', isNullable: true },
          // Set when the citing case is reopened after the citation: the article's quality signal.
          instant('reopened_at', true),
        ],
        checks: [{ name: 'kb_citation_kind_known', expression: `kind IN ('cited', 'solved_with')` }],
        uniques: [{ name: 'uq_kb_citation', columnNames: ['case_id', 'article_id'] }],
        foreignKeys: [fk('article_id', 'kb_article'), fk('case_id', 'help_case'), fk('actor_id', 'staff_member')],
        indices: [new TableIndex({ name: 'idx_kb_citation_article', columnNames: ['article_id', 'at'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['kb_citation', 'kb_attachment', 'kb_article_version', 'kb_article_building', 'kb_article']) await q.dropTable(table);
  }
}
