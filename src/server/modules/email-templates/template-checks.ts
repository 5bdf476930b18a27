import type { EmailTemplateDefinition, EmailTemplateText } from './email-template-catalog.ts';
import { placeholdersIn, unknownPlaceholders } from '../../../common/placeholders.ts';

export type TemplateField = keyof EmailTemplateText;
const fields: readonly TemplateField[] = ['subject', 'bodyText', 'bodyHtml'];

export interface TemplateProblems {
  /** Names not offered by this email, each once, in the order the fields are read. */
  unknown: string[];
  unknownByField: Partial<Record<TemplateField, string[]>>;
  /** Required names left out of the text, or out of an HTML body the tenant wrote. */
  missing: string[];
  missingByField: Partial<Record<TemplateField, string[]>>;
  /** Link placeholders written into the subject, where they are not allowed. */
  linksInSubject: string[];
}

/**
 * Every placeholder that becomes an address (`…Url`: activation, reset, sign-in, import links). Links go
 * in bodies only: a subject is shown in mail lists, previews and notifications everywhere, and a
 * single-use link there would be read by anyone who glances at it.
 */
export function isLinkPlaceholder(name: string): boolean {
  return /Url$/.test(name);
}

/** What is wrong with a tenant's wording of one email (nothing, when both lists are empty). */
export function checkTemplate(
  definition: Pick<EmailTemplateDefinition, 'placeholders' | 'required'>,
  text: EmailTemplateText,
): TemplateProblems {
  const problems: TemplateProblems = { unknown: [], unknownByField: {}, missing: [], missingByField: {}, linksInSubject: [] };
  for (const field of fields) {
    const value = text[field] ?? '';
    // An empty HTML body is made from the text, so the text's check covers it.
    if (field === 'bodyHtml' && value.trim() === '') continue;
    const unknown = unknownPlaceholders(value, definition.placeholders);
    if (unknown.length) problems.unknownByField[field] = unknown;
    for (const name of unknown) if (!problems.unknown.includes(name)) problems.unknown.push(name);
    // The required placeholders are links, and links belong in the bodies people read, never in the subject.
    if (field === 'subject') {
      problems.linksInSubject = placeholdersIn(value).filter(isLinkPlaceholder);
      continue;
    }
    const used = placeholdersIn(value);
    const missing = definition.required.filter((name) => !used.includes(name));
    if (missing.length) problems.missingByField[field] = missing;
    for (const name of missing) if (!problems.missing.includes(name)) problems.missing.push(name);
  }
  return problems;
}

/** `{{a}}, {{b}}` — names as the author typed them, an empty `{{}}` included. */
export function listPlaceholders(names: readonly string[]): string {
  return names.map((name) => `{{${name}}}`).join(', ');
}
