import { isAscii, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { LineCounter } from './line-counter.ts';
import type { TableInfo } from './types.ts';
import { completeUtf8Length, validSequenceLength } from './utf8-boundary.ts';

export interface ChunkDecoder {
  write(chunk: Buffer): string;
  end(): string;
}

/** Windows-1252 characters for bytes 0x80–0xFF. */
const win1252High = iconv.decode(Buffer.from(Array.from({ length: 128 }, (_, i) => 0x80 + i)), 'windows-1252');
const win1252Char = (byte: number) => win1252High[byte - 0x80] as string;

/** How many of the lines that are not UTF-8 are named; the warning says how many more there are. */
export const listedLines = 100;

/**
 * UTF-8 that stays sensible when some bytes are not UTF-8. The encoding was chosen from the first
 * 64 KB; past them, every well-formed sequence is read as UTF-8 and every byte that is not is read
 * as its Windows-1252 character, counted in `info.repairedBytes`, its line kept in
 * `info.nonUtf8Lines` and named in `info.warning`. So the good lines keep their accents, and the
 * administrator learns which lines to check.
 * At the end, a file that had stray bytes but not one well-formed multi-byte sequence was
 * Windows-1252 all along whose first accented letter came late: ASCII reads the same in both, and
 * each high byte was read as its Windows-1252 character, so the text is exactly the Windows-1252
 * reading and `info.encoding` becomes 'windows-1252' with nothing to warn about.
 * Whole chunks are checked with the native `isUtf8`; only a chunk that fails is walked byte by byte.
 */
export class Utf8FallbackDecoder implements ChunkDecoder {
  private carry: Buffer = Buffer.alloc(0);
  private sawUtf8 = false;
  private readonly lines = new LineCounter();
  private readonly strayLines: number[] = [];
  private strayLineCount = 0;

  constructor(private readonly info: Pick<TableInfo, 'encoding' | 'repairedBytes' | 'nonUtf8Lines' | 'warning'>) {}

  write(chunk: Buffer): string {
    const bytes = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const complete = completeUtf8Length(bytes);
    this.carry = Buffer.from(bytes.subarray(complete));
    return this.decode(bytes.subarray(0, complete));
  }

  end(): string {
    // A sequence cut off by the end of the file is not UTF-8.
    const tail = this.carry;
    this.carry = Buffer.alloc(0);
    const text = tail.length > 0 ? this.decodeSlowly(tail) : '';
    this.settle();
    return text;
  }

  private decode(body: Buffer): string {
    if (isUtf8(body)) {
      if (!this.sawUtf8 && !isAscii(body)) this.sawUtf8 = true;
      this.lines.advance(body);
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
        this.sawUtf8 = true;
        i += length;
        continue;
      }
      parts.push(body.toString('utf8', runStart, i));
      this.lines.advance(body.subarray(runStart, i));
      this.noteStrayByte();
      parts.push(win1252Char(b));
      i += 1;
      runStart = i;
    }
    parts.push(body.toString('utf8', runStart, i));
    this.lines.advance(body.subarray(runStart, i));
    return parts.join('');
  }

  private noteStrayByte(): void {
    this.info.repairedBytes += 1;
    const line = this.lines.line;
    if (this.strayLines.at(-1) === line) return;
    this.strayLineCount += 1;
    if (this.strayLines.length < listedLines) this.strayLines.push(line);
  }

  private settle(): void {
    if (this.info.repairedBytes === 0) return;
    if (!this.sawUtf8) {
      this.info.encoding = 'windows-1252';
      this.info.repairedBytes = 0;
      return;
    }
    this.info.nonUtf8Lines = [...this.strayLines];
    this.info.warning = nonUtf8Warning(this.strayLines, this.strayLineCount);
  }
}

function nonUtf8Warning(lines: number[], total: number): string {
  const more = total - lines.length;
  let named: string;
  if (more > 0) named = `Lines ${lines.join(', ')} and ${more} more are`;
  else if (lines.length === 1) named = `Line ${lines[0]} is`;
  else named = `Lines ${lines.slice(0, -1).join(', ')} and ${lines.at(-1)} are`;
  return `${named} not valid UTF-8 (text pasted from another program?): their accented letters were read as Windows-1252. Check the names on those lines.`;
}
