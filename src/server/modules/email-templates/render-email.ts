import type { EmailTemplateText } from './email-template-catalog.ts';
import { escapeHtml, fillPlaceholders, type PlaceholderValues } from '../../../common/placeholders.ts';
import { isLinkPlaceholder } from './template-checks.ts';

export interface RenderedEmail {
  subject: string;
  bodyText: string;
  bodyHtml: string;
}

/** Fills a template: plain values in the subject and text, HTML-escaped values in the HTML part. */
export function renderEmail(template: EmailTemplateText, values: PlaceholderValues): RenderedEmail {
  const email = renderForOutbox(template, values);
  return { ...email, bodyHtml: email.bodyHtml ?? htmlFromText(email.bodyText) };
}

/**
 * As renderEmail, except that an HTML part made from the text is left to the sender (null): the
 * outbox keeps one copy of the words, and an import's thousands of welcomes skip the HTML work.
 */
export function renderForOutbox(
  template: EmailTemplateText,
  values: PlaceholderValues,
): Omit<RenderedEmail, 'bodyHtml'> & { bodyHtml: string | null } {
  // A subject is one line whatever a value holds, and never carries a link: a template saved before links
  // were refused there renders them empty (subjects end up in mail server logs and lock-screen notifications).
  const subjectValues = Object.fromEntries(Object.entries(values).map(([name, value]) => [name, isLinkPlaceholder(name) ? '' : value]));
  const subject = fillPlaceholders(template.subject, subjectValues)
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim();
  const bodyText = fillPlaceholders(template.bodyText, values);
  const bodyHtml =
    template.bodyHtml === null || template.bodyHtml.trim() === '' ? null : fillPlaceholders(template.bodyHtml, values, escapeHtml);
  return { subject, bodyText, bodyHtml };
}

/** Paragraphs at blank lines, line breaks kept, web addresses made into links; everything else escaped. */
export function htmlFromText(text: string): string {
  const paragraphs = text.split(/\n\s*\n/).map((block) => block.split('\n').map(linkify).join('<br>\n'));
  return `<!doctype html>\n<html><body style="font-family: sans-serif; line-height: 1.5">\n${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}\n</body></html>\n`;
}

function linkify(line: string): string {
  let out = '';
  let last = 0;
  for (const match of line.matchAll(/https?:\/\/[^\s<>"]+/g)) {
    const at = match.index ?? 0;
    // "Open {{activationUrl}}." — the sentence's full stop is not part of the address.
    const address = trimTrailingPunctuation(match[0]);
    out += escapeHtml(line.slice(last, at));
    const url = escapeHtml(address);
    out += `<a href="${url}">${url}</a>`;
    last = at + address.length;
  }
  return out + escapeHtml(line.slice(last));
}

/** Drops sentence punctuation after an address; a closing parenthesis stays when the address opened one. */
function trimTrailingPunctuation(address: string): string {
  let end = address.length;
  while (end > 0) {
    const last = address[end - 1] as string;
    if (last === ')') {
      const inside = address.slice(0, end);
      const count = (c: string) => inside.split(c).length - 1;
      if (count('(') >= count(')')) break;
    } else if (!".,;:!?'’".includes(last)) break;
    end -= 1;
  }
  return address.slice(0, end);
}
