import { randomUUID } from 'node:crypto';
import type { GrantRow, StoreDb } from '../database';
import { CorruptRowError, fromTimestamp, toTimestamp } from '../row-mappers';

export type GrantedRole = 'viewer' | 'operator' | 'admin';
export type PrincipalKind = 'user' | 'group';

/** Who a grant names: a person or a group, by the platform's id, in one workspace or tenant. */
export interface PrincipalRef {
  platform: string;
  workspaceId: string;
  kind: PrincipalKind;
  id: string;
}

export interface RoleGrant {
  id: string;
  principal: PrincipalRef;
  /** The name shown when it was granted (a mention's label), when known. */
  principalName?: string;
  role: GrantedRole;
  grantedBy: string;
  grantedByName?: string;
  grantedAt: Date;
}

export interface GrantInput {
  principal: PrincipalRef;
  principalName?: string;
  role: GrantedRole;
  grantedBy: string;
  grantedByName?: string;
  at: Date;
}

const ROLES: readonly string[] = ['viewer', 'operator', 'admin'];
const KINDS: readonly string[] = ['user', 'group'];

function toGrant(row: GrantRow): RoleGrant {
  if (!ROLES.includes(row.role)) throw new CorruptRowError('access_grants', row.id, `unknown role ${row.role}`);
  if (!KINDS.includes(row.principal_kind)) throw new CorruptRowError('access_grants', row.id, `unknown principal kind ${row.principal_kind}`);
  return {
    id: row.id,
    principal: { platform: row.platform, workspaceId: row.workspace_id, kind: row.principal_kind as PrincipalKind, id: row.principal_id },
    ...(row.principal_name !== null ? { principalName: row.principal_name } : {}),
    role: row.role as GrantedRole,
    grantedBy: row.granted_by,
    ...(row.granted_by_name !== null ? { grantedByName: row.granted_by_name } : {}),
    grantedAt: fromTimestamp(row.granted_at, 'access_grants', row.id),
  };
}

/** Every grant of the workspace, people first, then by id. */
export async function listGrants(db: StoreDb, platform: string, workspaceId: string): Promise<RoleGrant[]> {
  const rows = await db
    .selectFrom('access_grants')
    .selectAll()
    .where('platform', '=', platform)
    .where('workspace_id', '=', workspaceId)
    .orderBy('principal_kind', 'desc')
    .orderBy('principal_id')
    .execute();
  return rows.map(toGrant);
}

/** The grants of a person and of the groups they belong to, in one workspace. */
export async function grantsOf(db: StoreDb, platform: string, workspaceId: string, userId: string, groupIds: readonly string[] = []): Promise<RoleGrant[]> {
  const rows = await db
    .selectFrom('access_grants')
    .selectAll()
    .where('platform', '=', platform)
    .where('workspace_id', '=', workspaceId)
    .where((eb) =>
      eb.or([
        eb.and([eb('principal_kind', '=', 'user'), eb('principal_id', '=', userId)]),
        ...(groupIds.length ? [eb.and([eb('principal_kind', '=', 'group'), eb('principal_id', 'in', [...groupIds])])] : []),
      ]),
    )
    .execute();
  return rows.map(toGrant);
}

/**
 * Gives the principal a role (one role per principal and workspace: granting another replaces it).
 * Returns the grant before the change (undefined when there was none) and after it.
 */
export async function putGrant(db: StoreDb, input: GrantInput, attempt = 0): Promise<{ before?: RoleGrant; after: RoleGrant }> {
  const p = input.principal;
  const existing = await db
    .selectFrom('access_grants')
    .selectAll()
    .where('platform', '=', p.platform)
    .where('workspace_id', '=', p.workspaceId)
    .where('principal_kind', '=', p.kind)
    .where('principal_id', '=', p.id)
    .executeTakeFirst();
  const values = {
    principal_name: input.principalName ?? existing?.principal_name ?? null,
    role: input.role,
    granted_by: input.grantedBy,
    granted_by_name: input.grantedByName ?? null,
    granted_at: toTimestamp(input.at),
  };
  if (existing) {
    if (existing.role === input.role) return { before: toGrant(existing), after: toGrant(existing) };
    // Conditional on the role read above, so two admins changing it at once do not both "win".
    const changed = await db.updateTable('access_grants').set(values).where('id', '=', existing.id).where('role', '=', existing.role).executeTakeFirst();
    if (Number(changed.numUpdatedRows) === 0 && attempt < 3) return putGrant(db, input, attempt + 1);
    return { before: toGrant(existing), after: toGrant({ ...existing, ...values }) };
  }
  const row: GrantRow = { id: randomUUID(), platform: p.platform, workspace_id: p.workspaceId, principal_kind: p.kind, principal_id: p.id, ...values };
  const inserted = await db
    .insertInto('access_grants')
    .values(row)
    .onConflict((oc) => oc.columns(['platform', 'workspace_id', 'principal_kind', 'principal_id']).doNothing())
    .executeTakeFirst();
  // Someone granted the same principal in between: read theirs and apply this grant over it.
  if ((inserted.numInsertedOrUpdatedRows ?? 0n) === 0n && attempt < 3) return putGrant(db, input, attempt + 1);
  return { after: toGrant(row) };
}

/** Removes the principal's grant; returns it, or undefined when there was none. */
export async function removeGrant(db: StoreDb, principal: PrincipalRef): Promise<RoleGrant | undefined> {
  const row = await db
    .deleteFrom('access_grants')
    .where('platform', '=', principal.platform)
    .where('workspace_id', '=', principal.workspaceId)
    .where('principal_kind', '=', principal.kind)
    .where('principal_id', '=', principal.id)
    .returningAll()
    .executeTakeFirst();
  return row ? toGrant(row) : undefined;
}
