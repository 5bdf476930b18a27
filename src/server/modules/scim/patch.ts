import { scimPatch, type ScimPatchOperation, type ScimResource } from 'scim-patch';
import { scimInvalid, type ScimType } from './scim-errors.ts';

type Json = Record<string, unknown>;

/**
 * Applies a PatchOp body to the resource as this service shows it. Providers' habits are taken as they
 * come: Entra ID's capitalised ops ("Replace", "Add"), values whose keys are dotted paths
 * ("name.givenName") or carry the enterprise URN; scim-patch resolves paths and value filters.
 */
export function applyPatch<T extends Json>(resource: T, operations: Array<{ op: string; path?: string; value?: unknown }>): Json {
  const ops = operations.map((o) => {
    const op = o.op.trim().toLowerCase();
    if (op !== 'add' && op !== 'replace' && op !== 'remove')
      throw scimInvalid('invalidSyntax', `"${o.op}" is not a PATCH operation: use add, replace or remove.`);
    if (op === 'remove' && !o.path) throw scimInvalid('noTarget', 'A remove operation needs a path.');
    return { ...o, op } as ScimPatchOperation;
  });
  try {
    return scimPatch(structuredClone(resource) as unknown as ScimResource, ops, {
      mutateDocument: true,
      treatMissingAsAdd: true,
    }) as unknown as Json;
  } catch (error) {
    const scimCode = (error as { scimCode?: string }).scimCode;
    const scimType: ScimType =
      scimCode === 'noTarget' || scimCode === 'invalidPath' || scimCode === 'invalidValue' ? scimCode : 'invalidPath';
    throw scimInvalid(scimType, `The PATCH cannot be applied: ${(error as Error).message}`);
  }
}
