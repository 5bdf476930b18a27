const LF = 0x0a;
const CR = 0x0d;

/**
 * Counts physical lines over raw bytes the way the record splitter does over text: CRLF, LF and a
 * lone CR each end one line, also across chunk boundaries. Line breaks are ASCII, so the count is
 * the same in UTF-8 and Windows-1252. Uses native indexOf, so it costs little per chunk.
 */
export class LineCounter {
  /** The line the next byte is on (1 at the start of the text). */
  line = 1;
  private lastWasCr = false;

  advance(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    let breaks = 0;
    for (let i = buffer.indexOf(CR); i !== -1; i = buffer.indexOf(CR, i + 1)) breaks += 1;
    for (let i = buffer.indexOf(LF); i !== -1; i = buffer.indexOf(LF, i + 1)) {
      const afterCr = i === 0 ? this.lastWasCr : buffer[i - 1] === CR;
      if (!afterCr) breaks += 1; // the LF of a CRLF was counted with its CR
    }
    this.line += breaks;
    this.lastWasCr = buffer[buffer.length - 1] === CR;
  }
}
