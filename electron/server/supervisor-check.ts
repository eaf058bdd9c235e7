/**
 * A district server nobody can sign in to as a supervisor cannot be run: nobody could add staff.
 * At start the server says so, and how to create the first supervisor.
 */
import type { DataSource } from 'typeorm';
import { StaffEntity } from '../core/db/entities';

export const CREATE_SUPERVISOR_HINT =
  'No active supervisor can sign in yet. Create one on this machine (it asks for the password on stdin):\n' +
  '  npm run cli -- staff add --role supervisor --name "Dana Supervisor" --email dana@district.example --password-stdin';

/**
 * Whether an active supervisor has a way in: a password while password sign-in is on, or a
 * sign-in email (or an identity already linked) while single sign-on is set.
 */
export async function supervisorCanSignIn(db: DataSource, ways: { password: boolean; sso: boolean }): Promise<boolean> {
  const conditions: string[] = [];
  if (ways.password) conditions.push('s.password_hash IS NOT NULL');
  if (ways.sso) conditions.push('s.email IS NOT NULL', 's.sso_subject IS NOT NULL');
  if (conditions.length === 0) return false;
  const found = await db
    .getRepository(StaffEntity)
    .createQueryBuilder('s')
    .where('s.role = :role', { role: 'supervisor' })
    .andWhere('s.active = :active', { active: true })
    .andWhere(`(${conditions.join(' OR ')})`)
    .getCount();
  return found > 0;
}
