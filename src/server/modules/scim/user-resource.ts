import type { z } from 'zod';
import { controlCharacters, emailSchema, personNameSchema } from '../../../common/schemas/accounts.ts';
import type { ScimAccount, ScimAccountInput } from '../accounts/scim-accounts.service.ts';
import { scimInvalid } from './scim-errors.ts';
import { Urn } from './scim-urns.ts';

/** A SCIM User as this service shows and reads it (RFC 7643 §4.1, with the enterprise extension). */
export interface ScimUser {
  schemas: string[];
  id: string;
  externalId?: string;
  userName: string;
  name: { givenName: string; familyName: string; formatted: string };
  displayName: string;
  title?: string;
  active: boolean;
  emails: Array<{ value: string; type: string; primary: boolean }>;
  [Urn.enterprise]?: { employeeNumber?: string; department?: string; organization?: string };
  meta: { resourceType: 'User'; created: string; lastModified: string; location: string; version: string };
}

export const userEtag = (version: number) => `W/"${version}"`;

export function toScimUser(record: ScimAccount, base: string): ScimUser {
  const { account } = record;
  const enterprise = {
    ...(account.externalId ? { employeeNumber: account.externalId } : {}),
    ...(account.department ? { department: account.department } : {}),
    organization: account.orgName,
  };
  return {
    schemas: [Urn.user, Urn.enterprise],
    id: account.id,
    ...(record.scimExternalId ? { externalId: record.scimExternalId } : {}),
    userName: account.username,
    name: { givenName: account.firstName, familyName: account.lastName, formatted: `${account.firstName} ${account.lastName}` },
    displayName: `${account.firstName} ${account.lastName}`,
    ...(account.jobTitle ? { title: account.jobTitle } : {}),
    active: account.status === 'active' || account.status === 'invited',
    emails: [{ value: account.email, type: 'work', primary: true }],
    [Urn.enterprise]: enterprise,
    meta: {
      resourceType: 'User',
      created: account.createdAt,
      lastModified: account.updatedAt,
      location: `${base}/Users/${account.id}`,
      version: userEtag(record.version),
    },
  };
}

/** Core User attributes (lowercased → as written); those not kept are accepted and left unstored. */
const coreUserAttributes = [
  'schemas',
  'id',
  'externalId',
  'meta',
  'userName',
  'name',
  'displayName',
  'nickName',
  'profileUrl',
  'title',
  'userType',
  'preferredLanguage',
  'locale',
  'timezone',
  'active',
  'password',
  'emails',
  'phoneNumbers',
  'ims',
  'photos',
  'addresses',
  'groups',
  'entitlements',
  'roles',
  'x509Certificates',
];
const enterpriseAttributes = ['employeeNumber', 'costCenter', 'organization', 'division', 'department', 'manager'];
const canonical = new Map([...coreUserAttributes, Urn.enterprise].map((n) => [n.toLowerCase(), n]));
const canonicalEnterprise = new Map(enterpriseAttributes.map((n) => [n.toLowerCase(), n]));

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Attribute names are case-insensitive (RFC 7643 §2.1): rewrites them as the schema writes them, and
 * refuses attributes no schema of the resource defines.
 */
export function canonicalUser(body: unknown): Json {
  if (!isObject(body)) throw scimInvalid('invalidSyntax', 'Send the user as a JSON object.');
  const out: Json = {};
  for (const [key, value] of Object.entries(body)) {
    const name = canonical.get(key.toLowerCase());
    if (!name) throw scimInvalid('invalidValue', `The attribute "${key}" is not part of the User schema or its enterprise extension.`);
    if (name === Urn.enterprise && isObject(value)) {
      const ext: Json = {};
      for (const [k, v] of Object.entries(value)) {
        const sub = canonicalEnterprise.get(k.toLowerCase());
        if (!sub) throw scimInvalid('invalidValue', `The attribute "${k}" is not part of the enterprise User extension.`);
        ext[sub] = v;
      }
      out[name] = ext;
    } else if (name === 'name' && isObject(value)) {
      out.name = Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k.replace(/^givenname$/i, 'givenName').replace(/^familyname$/i, 'familyName'), v]),
      );
    } else {
      out[name] = value;
    }
  }
  return out;
}

/** Booleans as identity providers send them: true, "True", "false"… */
export function booleanOf(value: unknown, attribute: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  throw scimInvalid('invalidValue', `${attribute} must be true or false.`);
}

const text = (value: unknown, attribute: string, max = 200): string | null => {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' && typeof value !== 'number') throw scimInvalid('invalidValue', `${attribute} must be a string.`);
  const s = String(value).trim();
  if (s.length > max) throw scimInvalid('invalidValue', `${attribute} is longer than ${max} characters.`);
  // The same rule as the REST API's schemas: no line breaks, NUL or other control characters.
  if (controlCharacters.test(s)) throw scimInvalid('invalidValue', `${attribute} contains a line break or control character.`);
  return s === '' ? null : s;
};

/** A value checked by the REST API's own schema for that field, its message kept. */
function checked(schema: z.ZodType<string>, value: string, attribute: string): string {
  const result = schema.safeParse(value);
  if (!result.success) throw scimInvalid('invalidValue', `${attribute}: ${result.error.issues[0]?.message ?? 'not valid'}`);
  return result.data;
}

/** The primary email (or the work one, or the first), as RFC 7643 §4.1.2 lets a client mark it. */
function emailOf(emails: unknown, userName: string): string {
  if (emails !== undefined && emails !== null && !Array.isArray(emails)) throw scimInvalid('invalidValue', 'emails must be a list.');
  const list = (emails ?? []).filter(isObject);
  const primary = list.find((e) => e.primary === true || (typeof e.primary === 'string' && e.primary.toLowerCase() === 'true'));
  const chosen = primary ?? list.find((e) => String(e.type ?? '').toLowerCase() === 'work') ?? list[0];
  const value = text(chosen?.value, 'emails.value', 254);
  if (value) return value;
  if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(userName)) return userName;
  throw scimInvalid('invalidValue', 'The user needs an email: send emails, or a userName that is an email address.');
}

/** What a SCIM User asks of its account; throws SCIM's invalidValue for anything that cannot be stored. */
export function userInputFrom(body: unknown): ScimAccountInput {
  const user = canonicalUser(body);
  const schemas = user.schemas;
  if (!Array.isArray(schemas) || !schemas.includes(Urn.user)) {
    throw scimInvalid('invalidValue', `The schemas attribute must list ${Urn.user}.`);
  }
  const unknownSchema = schemas.find((s) => s !== Urn.user && s !== Urn.enterprise);
  if (unknownSchema) throw scimInvalid('invalidValue', `The schema ${String(unknownSchema)} is not supported here.`);
  const userName = text(user.userName, 'userName', 254);
  if (!userName) throw scimInvalid('invalidValue', 'userName is required.');
  const name = isObject(user.name) ? user.name : {};
  const firstName = text(name.givenName, 'name.givenName', 100);
  const lastName = text(name.familyName, 'name.familyName', 100);
  if (!firstName || !lastName) throw scimInvalid('invalidValue', 'name.givenName and name.familyName are required.');
  const enterprise = isObject(user[Urn.enterprise]) ? (user[Urn.enterprise] as Json) : {};
  return {
    username: userName,
    email: checked(emailSchema, emailOf(user.emails, userName), 'emails.value'),
    firstName: checked(personNameSchema, firstName, 'name.givenName'),
    lastName: checked(personNameSchema, lastName, 'name.familyName'),
    active: user.active === undefined || user.active === null ? true : booleanOf(user.active, 'active'),
    scimExternalId: text(user.externalId, 'externalId'),
    externalId: text(enterprise.employeeNumber, 'employeeNumber'),
    department: text(enterprise.department, 'department'),
    jobTitle: text(user.title, 'title'),
    organization: text(enterprise.organization, 'organization') ?? text(enterprise.division, 'division'),
    ...(typeof user.password === 'string' && user.password.length > 0 && user.password.length <= 256 ? { password: user.password } : {}),
  };
}
