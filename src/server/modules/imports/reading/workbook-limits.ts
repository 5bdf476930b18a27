import { FileReadError } from './errors.ts';

/**
 * What reading one XLSX workbook may hold. A workbook is a ZIP: 23 MB on disk can expand to
 * gigabytes of text, and exceljs keeps every shared string in memory while the sheet streams past.
 * Past a limit the file is refused with 'workbook_too_large' long before the heap is in danger.
 *
 * Memory (measured on Node 20, 200,000 rows × 11 different texts of 21 characters: 110 MB kept, 52
 * bytes a string): a cached shared string costs about 30 bytes plus its characters (two bytes each
 * when the text is not Latin-1). At the defaults the cache tops out near 16M × 30 B + 256M × 2 B ≈
 * 1 GB, a quarter of the default 4 GB heap, with the planner's batches and the rest of the server far
 * below the remainder. A 1M-row, 11-column sheet of all-different texts keeps about 0.6 GB.
 *
 * Margin for real files: Excel's largest sheet, 1,048,576 rows × 11 columns, is 11.5M cells; even if
 * every cell were a different text of 20 characters that is 11.5M strings and 230M characters, under
 * both limits (real files repeat names, departments and roles, and hold dates and ids as numbers).
 */
export interface WorkbookLimits {
  /** Different text values in the workbook's shared-strings table. */
  maxSharedStrings: number;
  /** Characters of all shared strings together. */
  maxSharedStringChars: number;
  /** Cells in one row, up to the last one used (Excel's own limit is 16,384). */
  maxColumns: number;
  /** Cells in the first worksheet, counting each row up to its last used cell. */
  maxCells: number;
}

export const defaultWorkbookLimits: WorkbookLimits = {
  maxSharedStrings: 16_000_000,
  maxSharedStringChars: 256_000_000,
  maxColumns: 16_384,
  maxCells: 40_000_000,
};

const n = (value: number) => value.toLocaleString('en-US');
const whatToDo =
  'Split it into smaller files (for example 200,000 rows each) and upload them one by one, or check that it is the file you meant to upload.';

export function workbookTooLarge(limit: keyof WorkbookLimits, max: number, line?: number): FileReadError {
  const what: Record<keyof WorkbookLimits, string> = {
    maxSharedStrings: `The workbook holds more than ${n(max)} different text values`,
    maxSharedStringChars: `The text in the workbook adds up to more than ${n(max)} characters`,
    maxColumns: `Row ${line ?? '?'} of the first worksheet has more than ${n(max)} cells`,
    maxCells: `The first worksheet has more than ${n(max)} cells`,
  };
  return new FileReadError('workbook_too_large', `${what[limit]}, more than one import can read. ${whatToDo}`, {
    limit,
    max,
    ...(line === undefined ? {} : { line }),
  });
}

/**
 * Makes `reader.sharedStrings` (the array exceljs fills while parsing the shared-strings part)
 * count what goes in and throw `workbook_too_large` past the limits. Rich text is kept as its plain
 * text: the reader shows only that, and it costs a fraction of exceljs's run objects.
 */
export function boundSharedStrings(reader: object, limits: WorkbookLimits): void {
  let strings: unknown[] | undefined;
  let count = 0;
  let chars = 0;
  const push = function (this: unknown[], ...items: unknown[]): number {
    for (const item of items) {
      const text = plainText(item);
      count += 1;
      chars += text.length;
      if (count > limits.maxSharedStrings) throw workbookTooLarge('maxSharedStrings', limits.maxSharedStrings);
      if (chars > limits.maxSharedStringChars) throw workbookTooLarge('maxSharedStringChars', limits.maxSharedStringChars);
      Array.prototype.push.call(this, ownCopy(text));
    }
    return this.length;
  };
  Object.defineProperty(reader, 'sharedStrings', {
    configurable: true,
    get: () => strings,
    set: (value: unknown[] | undefined) => {
      strings = value;
      if (Array.isArray(value)) Object.defineProperty(value, 'push', { value: push });
    },
  });
}

/**
 * The XML parser hands out texts that are slices of the 64 KB chunk they were read from, and a slice
 * keeps its whole chunk alive: cached as they are, the shared strings would hold the entire XML text
 * (measured: 80 bytes for a 21-character string). A copy costs only its own characters (48 bytes).
 */
const ownCopy = (text: string): string => (text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8'));

function plainText(item: unknown): string {
  if (typeof item === 'string') return item;
  if (item === null || item === undefined) return '';
  const runs = (item as { richText?: Array<{ text?: unknown }> }).richText;
  if (Array.isArray(runs)) return runs.map((run) => (typeof run.text === 'string' ? run.text : '')).join('');
  return String(item);
}
