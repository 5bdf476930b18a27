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
