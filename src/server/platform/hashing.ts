import { createHash, timingSafeEqual } from 'node:crypto';

/** Session ids and API tokens are 256-bit random values, so a fast hash is enough to keep them safe at rest. */
export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export function constantTimeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
