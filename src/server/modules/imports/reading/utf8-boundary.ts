/**
 * The length of the longest prefix of `bytes` that does not end inside a UTF-8 sequence, so a
 * chunk can be validated and decoded on its own and the tail carried to the next chunk.
 */
export function completeUtf8Length(bytes: Uint8Array): number {
  const end = bytes.length;
  // A sequence is at most 4 bytes: look back over at most 3 continuation bytes for its lead.
  for (let i = end - 1; i >= 0 && i >= end - 4; i -= 1) {
    const b = bytes[i] as number;
    if (b < 0x80) return end;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return i + need > end ? i : end;
    }
  }
  return end;
}

const cont = (bytes: Buffer, i: number, lo = 0x80, hi = 0xbf) => {
  const b = bytes[i];
  return b !== undefined && b >= lo && b <= hi;
};

/** Length of the well-formed UTF-8 sequence starting at `i` (RFC 3629 table), or 0. */
export function validSequenceLength(bytes: Buffer, i: number): number {
  const b = bytes[i] as number;
  if (b >= 0xc2 && b <= 0xdf) return cont(bytes, i + 1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    const second = b === 0xe0 ? cont(bytes, i + 1, 0xa0) : b === 0xed ? cont(bytes, i + 1, 0x80, 0x9f) : cont(bytes, i + 1);
    return second && cont(bytes, i + 2) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const second = b === 0xf0 ? cont(bytes, i + 1, 0x90) : b === 0xf4 ? cont(bytes, i + 1, 0x80, 0x8f) : cont(bytes, i + 1);
    return second && cont(bytes, i + 2) && cont(bytes, i + 3) ? 4 : 0;
  }
  return 0;
}

/**
 * Well-formed multi-byte sequences and bytes that are not UTF-8, in a sample. A Windows-1252 file
 * almost never forms a valid sequence by chance ("Ã©" is not what people type), so a sample with
 * more valid sequences than stray bytes is UTF-8 with a few pasted 1252 bytes.
 */
export function utf8Evidence(bytes: Buffer): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length;) {
    if ((bytes[i] as number) < 0x80) {
      i += 1;
      continue;
    }
    const length = validSequenceLength(bytes, i);
    if (length > 0) {
      valid += 1;
      i += length;
    } else {
      invalid += 1;
      i += 1;
    }
  }
  return { valid, invalid };
}
