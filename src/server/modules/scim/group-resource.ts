import { createGroupSchema } from '../../../common/schemas/groups.ts';
import type { ScimGroup } from '../groups/scim-groups.service.ts';
import { scimInvalid } from './scim-errors.ts';
import { Urn } from './scim-urns.ts';

export const groupEtag = (version: string) => `W/"${version}"`;

export function toScimGroup(record: ScimGroup, base: string) {
  const { group } = record;
  return {
    schemas: [Urn.group],
    id: group.id,
    displayName: group.name,
    members: record.memberIds.map((id) => ({ value: id, type: 'User', $ref: `${base}/Users/${id}` })),
    meta: {
      resourceType: 'Group',
      created: group.createdAt,
      lastModified: group.updatedAt,
      location: `${base}/Groups/${group.id}`,
      version: groupEtag(record.version),
    },
  };
}

const known = new Set(['schemas', 'id', 'externalid', 'meta', 'displayname', 'members']);
type Json = Record<string, unknown>;

/** The name and member ids a SCIM Group asks for. */
export function groupInputFrom(body: unknown): { displayName: string; memberIds: string[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw scimInvalid('invalidSyntax', 'Send the group as a JSON object.');
  const group: Json = {};
  for (const [key, value] of Object.entries(body)) {
    if (!known.has(key.toLowerCase())) throw scimInvalid('invalidValue', `The attribute "${key}" is not part of the Group schema.`);
    group[key.toLowerCase()] = value;
  }
  const schemas = group.schemas;
  if (!Array.isArray(schemas) || !schemas.includes(Urn.group))
    throw scimInvalid('invalidValue', `The schemas attribute must list ${Urn.group}.`);
  const name = typeof group.displayname === 'string' ? group.displayname.trim() : '';
  // The REST API's own rule for a group's name.
  const named = createGroupSchema.shape.name.safeParse(name);
  if (!named.success) throw scimInvalid('invalidValue', `displayName: ${named.error.issues[0]?.message ?? 'not valid'}`);
  const members = group.members ?? [];
  if (!Array.isArray(members) || members.length > 10_000) throw scimInvalid('invalidValue', 'members must be a list of at most 10,000.');
  const memberIds = members.map((m) => {
    const value = typeof m === 'object' && m !== null ? (m as Json).value : undefined;
    if (typeof value !== 'string' || value.length === 0 || value.length > 64)
      throw scimInvalid('invalidValue', 'Each member needs the user id as value.');
    return value;
  });
  return { displayName: named.data, memberIds: [...new Set(memberIds)] };
}
