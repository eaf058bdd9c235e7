import type { DataSource, QueryRunner } from 'typeorm';

/** The one place that asks which SQL dialect is underneath. */
export function isPostgres(source: DataSource | QueryRunner): boolean {
  const options = 'connection' in source ? source.connection.options : source.options;
  return options.type === 'postgres';
}
