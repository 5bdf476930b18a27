import { isAscii, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import type { TableInfo } from './types.ts';
import { completeUtf8Length, validSequenceLength } from './utf8-boundary.ts';

export interface ChunkDecoder {
  write(chunk: Buffer): string;
  end(): string;
}

/** Windows-1252 characters for bytes 0x80–0xFF. */
const win1252High = iconv.decode(Buffer.from(Array.from({ length: 128 }, (_, i) => 0x80 + i)), 'windows-1252');
const win1252Char = (byte: number) => win1252High[byte - 0x80] as string;

/**
 * UTF-8 that stays sensible when the file is not UTF-8 after all. The encoding was chosen from the
 * first 64 KB; when a byte further on is not valid UTF-8:
 * - if every byte before it was ASCII, the file is Windows-1252 whose first accented letter came
 *   late. ASCII reads the same in both, so the rest is decoded as Windows-1252 and
 *   `info.encoding` becomes 'windows-1252': the result equals decoding the whole file as 1252.
 * - if real UTF-8 came before it, the file mixes both (rows pasted from two sources). Valid
 *   sequences stay UTF-8 and each invalid byte becomes its Windows-1252 character, counted in
 *   `info.repairedBytes`, instead of a replacement character.
 * Whole chunks are checked with the native `isUtf8`; only a chunk that fails is walked byte by byte.
 */
export class Utf8FallbackDecoder implements ChunkDecoder {
  private carry: Buffer = Buffer.alloc(0);
  private sawNonAscii = false;
  private win1252: ChunkDecoder | null = null;

  constructor(private readonly info: Pick<TableInfo, 'encoding' | 'repairedBytes'>) {}

  write(chunk: Buffer): string {
    if (this.win1252) return this.win1252.write(chunk);
    const bytes = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const complete = completeUtf8Length(bytes);
    this.carry = Buffer.from(bytes.subarray(complete));
    return this.decode(bytes.subarray(0, complete));
  }

  end(): string {
    if (this.win1252) return this.win1252.end();
    // A sequence cut off by the end of the file is not UTF-8.
    const tail = this.carry;
    this.carry = Buffer.alloc(0);
    const text = tail.length > 0 ? this.decodeSlowly(tail) : '';
    return this.win1252 ? text + (this.win1252 as ChunkDecoder).end() : text;
  }

  private decode(body: Buffer): string {
    if (isUtf8(body)) {
      if (!this.sawNonAscii && !isAscii(body)) this.sawNonAscii = true;
      return body.toString('utf8');
    }
    return this.decodeSlowly(body);
  }

  private decodeSlowly(body: Buffer): string {
    const parts: string[] = [];
    let runStart = 0;
    let i = 0;
    while (i < body.length) {
      const b = body[i] as number;
      if (b < 0x80) {
        i += 1;
        continue;
      }
      const length = validSequenceLength(body, i);
      if (length > 0) {
        this.sawNonAscii = true;
        i += length;
        continue;
      }
      parts.push(body.toString('utf8', runStart, i));
      if (!this.sawNonAscii) {
        parts.push(this.switchToWindows1252(body.subarray(i)));
        return parts.join('');
      }
      parts.push(win1252Char(b));
      this.info.repairedBytes += 1;
      i += 1;
      runStart = i;
    }
    parts.push(body.toString('utf8', runStart, i));
    return parts.join('');
  }

  /** Decodes `rest` and the held-back tail as Windows-1252, and everything after them too. */
  private switchToWindows1252(rest: Buffer): string {
    this.info.encoding = 'windows-1252';
    const decoder = iconv.getDecoder('windows-1252') as ChunkDecoder;
    this.win1252 = decoder;
    const held = this.carry;
    this.carry = Buffer.alloc(0);
    return decoder.write(held.length > 0 ? Buffer.concat([rest, held]) : rest);
  }
}
