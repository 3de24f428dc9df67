/**
 * The roles of the bot, each including the ones before it:
 * - viewer: status, lists, jobs, policies (read only);
 * - operator: also Backup now and cancelling a job;
 * - admin: also vaults, policies, enabling and stopping protection, storage replication,
 *   channel bindings, role grants, notification subscriptions and the audit log.
 */
export type Role = 'viewer' | 'operator' | 'admin';

export const ROLES: readonly Role[] = ['viewer', 'operator', 'admin'];

/** What an action needs: `anyone` (help) or a role. */
export type Requirement = 'anyone' | Role;

const RANK: Record<Role, number> = { viewer: 1, operator: 2, admin: 3 };

/** Whether `held` (undefined = no role) satisfies `needed`. */
export function satisfies(held: Role | undefined, needed: Requirement): boolean {
  if (needed === 'anyone') return true;
  return held !== undefined && RANK[held] >= RANK[needed];
}

/** The higher of two roles (undefined = none). */
export function higherRole(a: Role | undefined, b: Role | undefined): Role | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return RANK[a] >= RANK[b] ? a : b;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** "an operator", "an admin", "a viewer". */
export function withArticle(role: Role): string {
  return `${role === 'viewer' ? 'a' : 'an'} ${role}`;
}
