import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { addColumnInPlace } from './add-column';
import { dropAppendOnly, makeAppendOnly } from './append-only';

const pk = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
const instant = (name: string, isNullable = false) => ({ name, type: 'bigint', isNullable });
const staffFk = (column: string) => new TableForeignKey({ columnNames: [column], referencedTableName: 'staff_member', referencedColumnNames: ['id'] });

/**
 * Signing in to a district server: who a staff member is to single sign-on and local accounts
 * (email, password hash, the identity provider's subject), their sessions, an append-only audit
 * of changes to staff records, the sign-in attempts the throttle counts, and the short-lived state
 * of a sign-in in progress (kept in the database so any server replica can finish it).
 *
 * Columns are added with plain `ALTER TABLE … ADD COLUMN` (add-column.ts): TypeORM's SQLite
 * `addColumn` rebuilds the table and would lose triggers.
 */
export class StaffSignIn1765065600000 implements MigrationInterface {
  name = 'StaffSignIn1765065600000';

  async up(q: QueryRunner): Promise<void> {
    await addColumnInPlace(q, 'staff_member', { name: 'email', type: 'varchar(254)' });
    await addColumnInPlace(q, 'staff_member', { name: 'password_hash', type: 'text' });
    await addColumnInPlace(q, 'staff_member', { name: 'sso_issuer', type: 'varchar(300)' });
    await addColumnInPlace(q, 'staff_member', { name: 'sso_subject', type: 'varchar(255)' });
    await addColumnInPlace(q, 'staff_member', { name: 'updated_at', type: 'bigint' });
    // One staff member per sign-in email, whatever its case (as uq_caller_email), and per identity at the district's provider.
    await q.query('CREATE UNIQUE INDEX uq_staff_email ON staff_member (lower(email)) WHERE email IS NOT NULL');
    await q.query('CREATE UNIQUE INDEX uq_staff_sso ON staff_member (sso_issuer, sso_subject) WHERE sso_subject IS NOT NULL');

    await q.createTable(
      new Table({
        name: 'staff_session',
        columns: [
          // sha256 (hex) of the session token: the token itself is never stored.
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'staff_id', type: 'integer' },
          { name: 'method', type: 'varchar', length: '16' },
          { name: 'client', type: 'varchar', length: '16' },
          instant('created_at'),
          instant('last_seen_at'),
          instant('expires_at'),
          instant('revoked_at', true),
          { name: 'idle_ms', type: 'bigint', isNullable: true },
        ],
        checks: [
          { name: 'staff_session_method_known', expression: `method IN ('console', 'password', 'sso')` },
          { name: 'staff_session_client_known', expression: `client IN ('browser', 'desktop', 'console')` },
        ],
        foreignKeys: [staffFk('staff_id')],
        indices: [new TableIndex({ name: 'idx_staff_session_staff', columnNames: ['staff_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'staff_audit',
        columns: [
          pk,
          instant('at'),
          { name: 'actor_id', type: 'integer', isNullable: true },
          { name: 'staff_id', type: 'integer' },
          { name: 'change', type: 'varchar', length: '16' },
          { name: 'before_json', type: 'text', isNullable: true },
          { name: 'after_json', type: 'text', isNullable: true },
        ],
        checks: [{ name: 'staff_audit_change_known', expression: `change IN ('created', 'updated', 'password')` }],
        foreignKeys: [staffFk('actor_id'), staffFk('staff_id')],
        indices: [new TableIndex({ name: 'idx_staff_audit_staff', columnNames: ['staff_id', 'id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'sign_in_attempt',
        columns: [
          pk,
          instant('at'),
          { name: 'account', type: 'varchar', length: '254' },
          { name: 'address', type: 'varchar', length: '64' },
          { name: 'succeeded', type: 'boolean' },
        ],
        indices: [
          new TableIndex({ name: 'idx_sign_in_attempt_account', columnNames: ['account', 'at'] }),
          new TableIndex({ name: 'idx_sign_in_attempt_address', columnNames: ['address', 'at'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'auth_flow',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '32' },
          { name: 'payload', type: 'text' },
          instant('expires_at'),
        ],
        indices: [new TableIndex({ name: 'idx_auth_flow_expires', columnNames: ['expires_at'] })],
      }),
    );
    await makeAppendOnly(q, 'staff_audit');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropAppendOnly(q, 'staff_audit');
    for (const table of ['auth_flow', 'sign_in_attempt', 'staff_audit', 'staff_session']) await q.dropTable(table);
    await q.query('DROP INDEX uq_staff_sso');
    await q.query('DROP INDEX uq_staff_email');
    for (const column of ['updated_at', 'sso_subject', 'sso_issuer', 'password_hash', 'email']) await q.query(`ALTER TABLE staff_member DROP COLUMN ${column}`);
  }
}
