import type { Role } from '../../../common/schemas/roles.ts';
import type { RoleRow } from '../../db/schema.ts';

const list = (json: string): string[] => JSON.parse(json) as string[];

/** A stored role as the API shows it. */
export function toRole(row: RoleRow, holders: number, atOrg?: Role['atOrg']): Role {
  return {
    key: row.key,
    label: row.label,
    orgKinds: list(row.orgKinds),
    permissions: list(row.permissions),
    mayGrant: list(row.mayGrant),
    mayInvite: list(row.mayInvite),
    bulkCreatable: row.bulkCreatable === 1,
    perOrgLimit: row.perOrgLimitMax === null ? null : { max: row.perOrgLimitMax, mode: row.perOrgLimitMode === 'warn' ? 'warn' : 'block' },
    retired: row.retiredAt !== null && row.retiredAt !== undefined,
    holders,
    ...(atOrg ? { atOrg } : {}),
  };
}

/** The fields an audit event records for a role. */
export function roleAuditFields(role: Role): Record<string, unknown> {
  const { holders: _holders, atOrg: _atOrg, ...rest } = role;
  return rest;
}
