/**
 * `{{name}}` placeholders, and nothing else: tenants edit these texts, so there is no logic, no
 * partials and no raw output to get wrong. A template engine would offer all three; this offers a
 * fixed vocabulary per email that is checked when a template is saved.
 */
const placeholderPattern = /\{\{\s*([^{}]*?)\s*\}\}/g;

export type PlaceholderValues = Readonly<Record<string, string>>;

/** The placeholder names a text uses, in order of first appearance. */
export function placeholdersIn(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(placeholderPattern)) names.add(match[1] ?? '');
  return [...names];
}

/** Names used in `text` that are not in `allowed` (an empty `{{}}` counts as unknown). */
export function unknownPlaceholders(text: string, allowed: readonly string[]): string[] {
  return placeholdersIn(text).filter((name) => !allowed.includes(name));
}

/** Replaces each placeholder with its value; `escape` is applied to values only (HTML bodies). */
export function fillPlaceholders(text: string, values: PlaceholderValues, escape: (value: string) => string = (v) => v): string {
  return text.replace(placeholderPattern, (_whole, name: string) => escape(values[name] ?? ''));
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
