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

/** Which links to hide in a message, by its kind and whether it has been sent. */
export function linksToHide(kind: string, status: string): (keyof typeof linkPatterns)[] {
  if (status === 'sent' || status === 'cancelled') return ['activation', 'reset'];
  return kind === 'password_reset' ? ['reset'] : [];
}
