import { Urn } from './scim-urns.ts';

type Json = Record<string, unknown>;

/** "name.givenName", "urn:…:enterprise:2.0:User:department" → [top, sub?], lowercased. */
function pathOf(raw: string): [string, string | undefined] {
  let path = raw.trim().toLowerCase();
  for (const urn of [Urn.user, Urn.group]) {
    if (path.startsWith(`${urn.toLowerCase()}:`)) path = path.slice(urn.length + 1);
  }
  const enterprise = Urn.enterprise.toLowerCase();
  if (path === enterprise) return [enterprise, undefined];
  if (path.startsWith(`${enterprise}:`)) return [enterprise, path.slice(enterprise.length + 1) || undefined];
  const [top = '', sub] = path.split('.', 2);
  return [top, sub];
}

const listOf = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(pathOf);

/**
 * `attributes` and `excludedAttributes` (RFC 7644 §3.4.2.5): the resource with only the asked
 * attributes, or without the excluded ones. `schemas` and `id` are always returned.
 */
export function project(resource: Json, attributes?: string, excludedAttributes?: string): Json {
  const wanted = listOf(attributes);
  const excluded = listOf(excludedAttributes);
  if (wanted.length === 0 && excluded.length === 0) return resource;
  const out: Json = {};
  for (const [key, value] of Object.entries(resource)) {
    const k = key.toLowerCase();
    if (k === 'schemas' || k === 'id') {
      out[key] = value;
      continue;
    }
    if (wanted.length > 0) {
      const asks = wanted.filter(([top]) => top === k);
      if (asks.length === 0) continue;
      if (asks.some(([, sub]) => sub === undefined) || typeof value !== 'object' || value === null || Array.isArray(value)) {
        out[key] = asks.some(([, sub]) => sub === undefined)
          ? value
          : pickEach(
              value,
              asks.map(([, s]) => s as string),
            );
        continue;
      }
      out[key] = pick(
        value as Json,
        asks.map(([, s]) => s as string),
      );
      continue;
    }
    const drops = excluded.filter(([top]) => top === k);
    if (drops.some(([, sub]) => sub === undefined)) continue;
    out[key] =
      drops.length === 0
        ? value
        : omit(
            value,
            drops.map(([, s]) => s as string),
          );
  }
  return out;
}

function pick(value: Json, subs: string[]): Json {
  return Object.fromEntries(Object.entries(value).filter(([k]) => subs.includes(k.toLowerCase())));
}

/** Sub-attributes of each value of a multi-valued attribute (emails.value). */
function pickEach(value: unknown, subs: string[]): unknown {
  return Array.isArray(value) ? value.map((v) => (typeof v === 'object' && v !== null ? pick(v as Json, subs) : v)) : value;
}

function omit(value: unknown, subs: string[]): unknown {
  const drop = (v: Json) => Object.fromEntries(Object.entries(v).filter(([k]) => !subs.includes(k.toLowerCase())));
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' && v !== null ? drop(v as Json) : v));
  return typeof value === 'object' && value !== null ? drop(value as Json) : value;
}
