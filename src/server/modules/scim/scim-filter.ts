import { parse, type Filter } from 'scim2-parse-filter';
import type { AccountFilter, AccountFilterField } from '../accounts/account-filter.ts';
import type { GroupMatch } from '../groups/group-record.ts';
import { invalidFilter } from './scim-errors.ts';
import { Urn } from './scim-urns.ts';

/** User attributes a filter may test (lowercased, with or without the core schema's URN) and the account field each is. */
const userFields: Record<string, AccountFilterField> = {
  id: 'id',
  username: 'username',
  emails: 'email',
  'emails.value': 'email',
  externalid: 'scimExternalId',
  'name.familyname': 'lastName',
  'name.givenname': 'firstName',
  active: 'active',
  'meta.lastmodified': 'updatedAt',
  'meta.created': 'createdAt',
  [`${Urn.enterprise}:employeenumber`.toLowerCase()]: 'externalId',
};
const dateFields = new Set<AccountFilterField>(['updatedAt', 'createdAt']);
/** The one email an account has is both its work and its primary address. */
const emailAlwaysTrue = new Set(['emails.type', 'emails.primary']);

function parsed(text: string): Filter {
  try {
    return parse(text);
  } catch (error) {
    throw invalidFilter(`The filter cannot be read: ${(error as Error).message}.`);
  }
}

function fieldOf(attrPath: string): string {
  const lower = attrPath.toLowerCase();
  const core = `${Urn.user}:`.toLowerCase();
  return lower.startsWith(core) ? lower.slice(core.length) : lower;
}

/** A SCIM filter on Users (RFC 7644 §3.4.2.2) as a filter on accounts; an attribute or operator not supported is an invalidFilter. */
export function userFilter(text: string): AccountFilter {
  return translate(parsed(text), '');
}

function translate(f: Filter, prefix: string): AccountFilter {
  switch (f.op) {
    case 'and':
    case 'or':
      return { op: f.op, filters: (f as { filters: Filter[] }).filters.map((x) => translate(x, prefix)) };
    case 'not':
      return { op: 'not', filter: translate((f as { filter: Filter }).filter, prefix) };
    case '[]': {
      const vp = f as { attrPath: string; valFilter: Filter };
      if (fieldOf(vp.attrPath) !== 'emails') throw invalidFilter(`Filtering inside "${vp.attrPath}" is not supported; only emails[…].`);
      return translate(vp.valFilter, 'emails.');
    }
    default: {
      const cmp = f as { op: string; attrPath: string; compValue?: unknown };
      const name = prefix + fieldOf(cmp.attrPath);
      if (emailAlwaysTrue.has(name)) return { op: 'const', value: emailTypeHolds(cmp) };
      const field = userFields[name];
      if (!field) throw invalidFilter(`Users cannot be filtered on "${cmp.attrPath}".`);
      if (cmp.op === 'pr') return { op: 'pr', field };
      return { op: cmp.op as 'eq', field, value: comparable(field, cmp.op, cmp.compValue, cmp.attrPath) };
    }
  }
}

function emailTypeHolds(cmp: { op: string; attrPath: string; compValue?: unknown }): boolean {
  if (cmp.op === 'pr') return true;
  const value = String(cmp.compValue).toLowerCase();
  const holds = cmp.attrPath.toLowerCase().endsWith('primary') ? value === 'true' : value === 'work';
  if (cmp.op === 'eq') return holds;
  if (cmp.op === 'ne') return !holds;
  throw invalidFilter(`"${cmp.op}" cannot compare ${cmp.attrPath}.`);
}

function comparable(field: AccountFilterField, op: string, value: unknown, attrPath: string): string | boolean {
  if (field === 'active') {
    if (op !== 'eq' && op !== 'ne') throw invalidFilter('active can only be compared with eq or ne.');
    if (typeof value === 'boolean') return value;
    if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
    throw invalidFilter('active is compared with true or false.');
  }
  if (typeof value !== 'string' && typeof value !== 'number') throw invalidFilter(`${attrPath} is compared with a quoted string.`);
  if (dateFields.has(field)) {
    const at = new Date(String(value));
    if (Number.isNaN(at.getTime())) throw invalidFilter(`${attrPath} is compared with a date and time such as "2026-12-01T00:00:00Z".`);
    if (op === 'co' || op === 'sw' || op === 'ew') throw invalidFilter(`"${op}" cannot compare dates.`);
    return at.toISOString();
  }
  return String(value);
}

/** A SCIM filter on Groups: one comparison on displayName or id (what identity providers send). */
export function groupFilter(text: string): GroupMatch {
  const f = parsed(text);
  if (f.op === 'and' || f.op === 'or' || f.op === 'not' || f.op === '[]') {
    throw invalidFilter('Groups are filtered with one comparison on displayName or id.');
  }
  const cmp = f as { op: string; attrPath: string; compValue?: unknown };
  const name = fieldOf(cmp.attrPath);
  if (name !== 'displayname' && name !== 'id') throw invalidFilter(`Groups cannot be filtered on "${cmp.attrPath}".`);
  if (!['eq', 'ne', 'co', 'sw', 'ew', 'pr'].includes(cmp.op)) throw invalidFilter(`"${cmp.op}" cannot compare ${cmp.attrPath}.`);
  if (cmp.op !== 'pr' && typeof cmp.compValue !== 'string') throw invalidFilter(`${cmp.attrPath} is compared with a quoted string.`);
  const raw = cmp.op === 'pr' ? '' : String(cmp.compValue);
  return {
    field: name === 'id' ? 'id' : 'name',
    op: cmp.op as GroupMatch['op'],
    value: name === 'id' ? raw : raw.trim().toLowerCase().replace(/\s+/g, ' '),
  };
}
