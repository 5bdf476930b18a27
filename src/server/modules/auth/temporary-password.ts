import { randomInt } from 'node:crypto';

/** Letters and digits nobody misreads when a password is read aloud or copied from a screen (no 0/O, 1/l/I). */
const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A temporary password an administrator hands over once: at least `minLength` characters drawn from
 * `alphabet` with a CSPRNG (about 5.8 bits each, so 16 carry ~93 bits), in dash-separated groups of four
 * so it can be read out over the phone.
 */
export function generateTemporaryPassword(minLength: number): string {
  const letters = Math.max(16, minLength);
  let out = '';
  for (let i = 0; i < letters; i += 1) {
    if (i > 0 && i % 4 === 0) out += '-';
    out += alphabet[randomInt(alphabet.length)];
  }
  return out;
}
