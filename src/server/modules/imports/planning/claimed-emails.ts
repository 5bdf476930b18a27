/**
 * The email keys earlier batches of a file claimed, as a Bloom filter: a few bits per key in a fixed
 * array, never the keys themselves. It answers "certainly not claimed" for almost every key, so only
 * the rare key it cannot rule out is looked up among the import's stored rows (the answer stays exact:
 * the stored rows decide). Asking the database for every key of every batch was a tenth of a re-upload's
 * plan on SQLite and most of it on PostgreSQL; keeping the keys would cost ~100 MB for a million rows.
 */
export class ClaimedEmails {
  private readonly bits: Int32Array;
  private readonly mask: number;

  /** `expectedKeys` sizes the filter (~32 bits a key, at most 4 MB): about 1 key in 1,400 is then looked up for nothing. */
  constructor(expectedKeys: number) {
    let size = 1 << 16;
    while (size < expectedKeys * 32 && size < 1 << 25) size *= 2;
    this.bits = new Int32Array(size / 32);
    this.mask = size - 1;
  }

  add(key: string): void {
    const [a, b] = hashes(key);
    for (let i = 0; i < 3; i += 1) {
      const bit = (a + i * b) & this.mask;
      this.bits[bit >>> 5] = (this.bits[bit >>> 5] as number) | (1 << (bit & 31));
    }
  }

  /** False when no earlier batch claimed the key; true when one may have. */
  mayHave(key: string): boolean {
    const [a, b] = hashes(key);
    for (let i = 0; i < 3; i += 1) {
      const bit = (a + i * b) & this.mask;
      if (((this.bits[bit >>> 5] as number) & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

/** Two independent 32-bit FNV-1a hashes of the key (the second with another offset); the second made odd. */
function hashes(key: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < key.length; i += 1) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return [a >>> 0, (b | 1) >>> 0];
}
