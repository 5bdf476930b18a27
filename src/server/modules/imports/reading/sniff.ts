import { isAscii, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { FileReadError } from './errors.ts';
import { completeUtf8Length, utf8Evidence } from './utf8-boundary.ts';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export type Sniffed = { format: 'xlsx' } | { format: 'csv'; encoding: TextEncoding; bomLength: number };

/** How much of the file decides format and encoding. */
export const sampleSize = 64 * 1024;

const startsWith = (sample: Buffer, bytes: number[]) => bytes.every((b, i) => sample[i] === b);

const notText: Array<{ magic: number[]; what: string }> = [
  { magic: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { magic: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { magic: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { magic: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { magic: [0x1f, 0x8b], what: 'a compressed (gzip) file' },
];

const binaryMessage = (what: string) =>
  `This file is ${what}, not a spreadsheet. Upload the accounts as a CSV file or an Excel workbook (.xlsx).`;

/**
 * Decides, from the start of the file, whether it is an XLSX workbook or text, and which encoding
 * the text uses. Byte-order marks win; otherwise UTF-8 when the sample is valid UTF-8 (or mostly
 * is: see utf8Evidence), else Windows-1252 (what Excel writes for "CSV" on a Western Windows
 * machine). What the sample cannot see is handled while decoding (utf8-fallback-decoder.ts).
 */
export function sniff(sample: Buffer, fileName?: string): Sniffed {
  if (sample.length === 0) throw new FileReadError('empty_file', 'The file is empty.');
  if (startsWith(sample, [0x50, 0x4b, 0x03, 0x04])) return { format: 'xlsx' };
  if (startsWith(sample, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    throw new FileReadError(
      'unsupported_format',
      `${fileName ? `"${fileName}"` : 'This file'} is an old Excel workbook (.xls). Open it in Excel and save it as "Excel Workbook (.xlsx)" or "CSV UTF-8", then upload it again.`,
    );
  }
  for (const { magic, what } of notText) if (startsWith(sample, magic)) throw new FileReadError('binary_file', binaryMessage(what));

  const encoding = textEncoding(sample);
  const text = decodeSample(sample.subarray(encoding.bomLength), encoding.encoding);
  if (looksBinary(text)) throw new FileReadError('binary_file', binaryMessage('binary data (it contains characters no text file has)'));
  if (/^\s*<(\?xml|html|!doctype|table)/i.test(text.slice(0, 200))) {
    throw new FileReadError(
      'unsupported_format',
      'This file is an XML or web-page spreadsheet. Open it in Excel and save it as "Excel Workbook (.xlsx)" or "CSV UTF-8", then upload it again.',
    );
  }
  return { format: 'csv', ...encoding };
}

function textEncoding(sample: Buffer): { encoding: TextEncoding; bomLength: number } {
  if (startsWith(sample, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', bomLength: 3 };
  if (startsWith(sample, [0xff, 0xfe])) return { encoding: 'utf-16le', bomLength: 2 };
  if (startsWith(sample, [0xfe, 0xff])) return { encoding: 'utf-16be', bomLength: 2 };
  const utf16 = utf16WithoutBom(sample);
  if (utf16) return { encoding: utf16, bomLength: 0 };
  if (isAscii(sample)) return { encoding: 'utf-8', bomLength: 0 };
  // The sample may end in the middle of a character; only the complete part is judged.
  const complete = sample.subarray(0, completeUtf8Length(sample));
  if (isUtf8(complete)) return { encoding: 'utf-8', bomLength: 0 };
  // Windows-1252 text almost never forms a well-formed UTF-8 sequence; UTF-8 with a few bytes pasted
  // from elsewhere has them. So it is UTF-8 once real sequences are there, unless they are so
  // outnumbered that they are chance pairs of 1252 letters.
  const { valid, invalid } = utf8Evidence(complete);
  return { encoding: valid > 0 && invalid <= 8 * valid ? 'utf-8' : 'windows-1252', bomLength: 0 };
}

/**
 * UTF-16 saved without a byte-order mark: mostly-ASCII text then has a NUL in every other byte,
 * on the odd positions for little-endian and the even ones for big-endian. Binary files have NULs
 * too, but not in that regular a pattern.
 */
function utf16WithoutBom(sample: Buffer): TextEncoding | null {
  const pairs = Math.min(sample.length >> 1, 4096);
  if (pairs < 2) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < pairs; i += 1) {
    if (sample[2 * i] === 0) evenNul += 1;
    if (sample[2 * i + 1] === 0) oddNul += 1;
  }
  if (oddNul >= pairs * 0.9 && evenNul === 0) return 'utf-16le';
  if (evenNul >= pairs * 0.9 && oddNul === 0) return 'utf-16be';
  return null;
}

function decodeSample(bytes: Buffer, encoding: TextEncoding): string {
  if (encoding === 'utf-8') return bytes.toString('utf8');
  return iconv.decode(bytes, encoding);
}

/**
 * Text files never hold NUL and almost never the other C0 control characters (tab, line breaks,
 * form feed and the old end-of-file mark 0x1A aside). A few stray ones are tolerated.
 */
export function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  let controls = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x0b && c !== 0x1a) controls += 1;
  }
  return controls > Math.max(8, text.length / 100);
}
