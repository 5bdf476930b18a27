/**
 * Single-use links in stored messages. Once a message has been delivered, or whenever a message resets a
 * password, the link is nobody's business but its recipient's: an administrator reading the Mail page
 * could otherwise use it to set someone else's password.
 */
const linkPatterns = {
  activation: /https?:\/\/[^\s"'<>]+\/register\/[\w-]+/g,
  reset: /https?:\/\/[^\s"'<>]+\/reset-password\/[\w-]+/g,
};

export const hiddenLink = '[single-use link, shown only to its recipient]';

export function hideLinks(text: string, which: readonly (keyof typeof linkPatterns)[]): string {
  return which.reduce((out, key) => out.replace(linkPatterns[key], hiddenLink), text);
}

/** A stored message with the chosen links hidden in every part of it: subject, text and HTML. */
export function hideLinksInMessage<T extends { subject: string; bodyText: string; bodyHtml: string | null }>(
  message: T,
  which: readonly (keyof typeof linkPatterns)[],
): T {
  return {
    ...message,
    subject: hideLinks(message.subject, which),
    bodyText: hideLinks(message.bodyText, which),
    bodyHtml: message.bodyHtml === null ? null : hideLinks(message.bodyHtml, which),
  };
}

/** Which links to hide in a message, by its kind and whether it has been sent. */
export function linksToHide(kind: string, status: string): (keyof typeof linkPatterns)[] {
  if (status === 'sent' || status === 'cancelled') return ['activation', 'reset'];
  return kind === 'password_reset' ? ['reset'] : [];
}

export const hiddenPassword = '[temporary password, shown only to its recipient]';

/**
 * A message that carries a temporary password names it in its payload (`secrets`), so the stored copy can
 * drop it once delivered, as it drops links: the recipient has it, and nobody else needs to read it. The
 * HTML part holds it escaped.
 */
export function hideSecretsInMessage<T extends { subject: string; bodyText: string; bodyHtml: string | null; payload: string }>(
  message: T,
): T {
  const { secrets, ...rest } = parsePayload(message.payload);
  if (!Array.isArray(secrets) || secrets.length === 0) return message;
  const hide = (text: string) =>
    secrets.reduce((out: string, secret: unknown) => {
      if (typeof secret !== 'string' || secret === '') return out;
      return out.split(secret).join(hiddenPassword).split(escapeHtml(secret)).join(hiddenPassword);
    }, text);
  return {
    ...message,
    subject: hide(message.subject),
    bodyText: hide(message.bodyText),
    bodyHtml: message.bodyHtml === null ? null : hide(message.bodyHtml),
    payload: JSON.stringify(rest),
  };
}

function parsePayload(payload: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(payload);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
