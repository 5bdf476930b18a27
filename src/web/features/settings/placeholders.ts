import { placeholdersIn } from '../../../common/placeholders.ts';

/*
 * `{{name}}` read exactly as the server reads it (the same src/common code), so a draft the server would
 * refuse is flagged while the person types instead of only when they save.
 */

export type TemplateField = 'subject' | 'bodyText' | 'bodyHtml';

export const token = (name: string) => `{{${name}}}`;
const listOf = (names: readonly string[]) => names.map(token).join(', ');

export function describeUnknown(names: readonly string[]): string {
  return names.length === 1
    ? `${listOf(names)} is not a placeholder this email can use.`
    : `${listOf(names)} are not placeholders this email can use.`;
}

export function describeMissing(names: readonly string[]): string {
  return `Keep ${listOf(names)}: without ${names.length === 1 ? 'it' : 'them'} this email cannot do its job.`;
}

/**
 * What is wrong with each field, in words: unknown names anywhere; required names missing from the
 * text, or from an HTML body the tenant wrote (an empty one is made from the text). The subject is
 * exempt from the required ones, as on the server.
 */
export function draftProblems(
  draft: Record<TemplateField, string>,
  allowed: readonly string[],
  required: readonly string[],
): Partial<Record<TemplateField, string>> {
  const problems: Partial<Record<TemplateField, string>> = {};
  for (const field of ['subject', 'bodyText', 'bodyHtml'] as const) {
    const text = draft[field];
    if (field === 'bodyHtml' && text.trim() === '') continue;
    const used = placeholdersIn(text);
    const unknown = used.filter((name) => !allowed.includes(name));
    const missing = field === 'subject' ? [] : required.filter((name) => !used.includes(name));
    const words = [unknown.length ? describeUnknown(unknown) : '', missing.length ? describeMissing(missing) : '']
      .filter(Boolean)
      .join(' ');
    if (words) problems[field] = words;
  }
  return problems;
}
