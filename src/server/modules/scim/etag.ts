/** Entity tags as clients send them back: W/"3", "3", a list, or *. */
function tagsOf(header: string | string[] | undefined): string[] | undefined {
  if (header === undefined) return undefined;
  const text = Array.isArray(header) ? header.join(',') : header;
  return text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => (t === '*' ? '*' : t.replace(/^W\//, '').replace(/^"(.*)"$/, '$1')));
}

/**
 * The version an If-Match asks for, as the service's own type: undefined when absent or `*` (any
 * version), a value no resource has when it names none of ours (so the change answers 412).
 */
export function ifMatchVersion(header: string | string[] | undefined): string | undefined {
  const tags = tagsOf(header);
  if (!tags || tags.length === 0 || tags.includes('*')) return undefined;
  return tags[0];
}

export function ifMatchNumber(header: string | string[] | undefined): number | undefined {
  const tag = ifMatchVersion(header);
  if (tag === undefined) return undefined;
  return /^\d{1,15}$/.test(tag) ? Number(tag) : -1;
}

/** True when an If-None-Match names the current version (or `*`): a GET answers 304. */
export function noneMatchHolds(header: string | string[] | undefined, etag: string): boolean {
  const tags = tagsOf(header);
  if (!tags) return false;
  const current = etag.replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
  return tags.includes('*') || tags.includes(current);
}
