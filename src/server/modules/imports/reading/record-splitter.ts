import { FileReadError } from './errors.ts';

export interface RawRecord {
  /** Physical line where the record starts. */
  line: number;
  /** The record's text without its line break. */
  raw: string;
  /** Whether the text holds a quote character, so its cells need the full CSV rules. */
  quoted: boolean;
}

/** Returned by `next()` when the record is not complete yet: feed more text, or call `end()`. */
export const needMore = Symbol('needMore');

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const anyDelimiter = -1;

/**
 * Cuts decoded text into records, quote-aware, keeping each record's physical line number and its
 * exact text. It is the part of CSV reading no parser reports reliably across streamed chunks, so
 * it is done here; the cells inside a record are split afterwards (see cell-splitter.ts).
 *
 * Rules (RFC 4180, as Excel writes and papaparse reads): a quote is special only at the start of a
 * field; inside quotes `""` is a quote and line breaks belong to the field. A record ends at an
 * unquoted CRLF, LF or lone CR. Each of those, quoted or not, counts as one physical line. Empty
 * lines are skipped but counted.
 *
 * Records without a quote (nearly all of them) are found with native `indexOf`; only records with
 * a quote are walked character by character.
 */
export class RecordSplitter {
  private buf = '';
  private pos = 0;
  private line = 1;
  private ended = false;
  private delimiter = anyDelimiter;
  // Cached positions of the next LF, CR and quote at or after `pos`: -1 means none in `buf`,
  // -2 unknown. They keep the scan linear on files that have no CR or no quote at all.
  private nextLf = -2;
  private nextCr = -2;
  private nextQuote = -2;

  constructor(private readonly maxRecordLength: number) {}

  /** Until called, a quote after any of comma, semicolon or tab starts a quoted field (for the header). */
  setDelimiter(delimiter: string): void {
    this.delimiter = delimiter.charCodeAt(0);
  }

  feed(text: string): void {
    this.buf = this.pos < this.buf.length ? this.buf.slice(this.pos) + text : text;
    this.pos = 0;
    this.nextLf = this.nextCr = this.nextQuote = -2;
  }

  end(): void {
    this.ended = true;
  }

  next(): RawRecord | null | typeof needMore {
    for (;;) {
      const { buf } = this;
      const start = this.pos;
      if (start >= buf.length) return this.ended ? null : needMore;
      const lf = (this.nextLf = this.find('\n', this.nextLf));
      const cr = (this.nextCr = this.find('\r', this.nextCr));
      let eol = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      let breaks = 0;
      const quote = (this.nextQuote = this.find('"', this.nextQuote));
      const quoted = quote !== -1 && (eol === -1 || quote < eol);
      if (quoted) {
        const scanned = this.scanQuoted(start);
        if (scanned === needMore) return this.waitForMore();
        ({ eol, breaks } = scanned);
      }
      if (eol === -1) {
        if (!this.ended) return this.waitForMore();
        eol = buf.length;
      }
      let breakLength = 0;
      if (eol < buf.length) {
        if (buf.charCodeAt(eol) === CR) {
          // A CR at the end of what has arrived may be the first half of a CRLF.
          if (eol + 1 === buf.length && !this.ended) return this.waitForMore();
          breakLength = buf.charCodeAt(eol + 1) === LF ? 2 : 1;
        } else {
          breakLength = 1;
        }
      }
      const line = this.line;
      this.line += 1 + breaks;
      this.pos = eol + breakLength;
      if (eol === start) continue;
      return { line, raw: buf.slice(start, eol), quoted };
    }
  }

  private find(char: string, cached: number): number {
    return cached === -1 || cached >= this.pos ? cached : this.buf.indexOf(char, this.pos);
  }

  private waitForMore(): typeof needMore {
    if (this.buf.length - this.pos > this.maxRecordLength) {
      throw new FileReadError(
        'record_too_long',
        `The record starting on line ${this.line} is longer than ${this.maxRecordLength.toLocaleString('en-US')} characters. A quoted value is probably never closed: check the quotes on that line.`,
        { line: this.line, maxLength: this.maxRecordLength },
      );
    }
    return needMore;
  }

  private isDelimiter(c: number): boolean {
    return this.delimiter === anyDelimiter ? c === 0x2c || c === 0x3b || c === 0x09 : c === this.delimiter;
  }

  /** Finds the unquoted line break ending the record at `start` (-1: not in `buf`), counting quoted breaks. */
  private scanQuoted(start: number): { eol: number; breaks: number } | typeof needMore {
    const { buf, ended } = this;
    const n = buf.length;
    let inQuotes = false;
    let fieldStart = true;
    let breaks = 0;
    let i = start;
    while (i < n) {
      const c = buf.charCodeAt(i);
      if (!inQuotes) {
        if (c === LF || c === CR) return { eol: i, breaks };
        if (c === QUOTE && fieldStart) inQuotes = true;
        fieldStart = !inQuotes && this.isDelimiter(c);
        i += 1;
      } else if (c === QUOTE) {
        if (i + 1 === n && !ended) return needMore; // cannot tell "" from a closing quote yet
        if (buf.charCodeAt(i + 1) === QUOTE) i += 2;
        else {
          inQuotes = false;
          i += 1;
        }
      } else if (c === CR) {
        if (i + 1 === n && !ended) return needMore;
        breaks += 1;
        i += buf.charCodeAt(i + 1) === LF ? 2 : 1;
      } else {
        if (c === LF) breaks += 1;
        i += 1;
      }
    }
    return { eol: -1, breaks };
  }
}
