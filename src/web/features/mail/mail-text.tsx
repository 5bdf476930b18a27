import { Anchor } from '@mantine/core';
import type { ReactNode } from 'react';

// A web address in a plain-text email: up to the next space or angle bracket. Trailing punctuation
// ("… at https://example.org/activate.") belongs to the sentence, not the address.
const webAddress = /https?:\/\/[^\s<>"]+/g;
const trailingPunctuation = /[.,;:!?)\]'"]+$/;

/**
 * Plain text with its web addresses as links that open in a new tab. Built from strings and elements,
 * never from HTML, so whatever the message holds is only ever shown as text.
 */
export function linkify(text: string): ReactNode[] {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(webAddress)) {
    const start = match.index;
    const url = match[0].replace(trailingPunctuation, '');
    if (start > last) parts.push(text.slice(last, start));
    parts.push(
      <Anchor key={start} href={url} target="_blank" rel="noopener noreferrer" inherit style={{ overflowWrap: 'anywhere' }}>
        {url}
      </Anchor>,
    );
    last = start + url.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/**
 * The message's HTML, made to open its links in a new tab: a sandboxed frame that navigates itself
 * lands on a blank page. The first <base> with a target wins, so ours goes ahead of the message's
 * own markup — after a doctype, which must stay first to keep the page out of quirks mode.
 */
export function withLinksInNewTab(html: string): string {
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html)?.[0] ?? '';
  return `${doctype}<base target="_blank">${html.slice(doctype.length)}`;
}

/**
 * Sandbox for a message's HTML: no scripts, no forms, an origin of its own. Popups are allowed so a
 * link (target _blank) opens a normal tab, which escapes the sandbox so the page it opens works.
 */
export const htmlPreviewSandbox = 'allow-popups allow-popups-to-escape-sandbox';

/** A sentence in plain words for a delivery error the person can act on, or undefined when there is none. */
export function explainMailError(error: string): string | undefined {
  if (/\b(ECONNREFUSED|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|ECONNRESET|EHOSTUNREACH|ENETUNREACH|ESOCKET|ECONNECTION|ETIMEOUT)\b/.test(error)) {
    return 'The mail server could not be reached; Registrar tries again automatically.';
  }
  // SMTP answers with a three-digit code, 5xx for a permanent refusal (a port, "host:587", is not one).
  if (/(^|\s)5\d\d[ -]/.test(error)) return 'The mail server refused this message.';
  return undefined;
}
