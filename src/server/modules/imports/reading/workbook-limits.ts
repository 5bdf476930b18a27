import { FileReadError } from './errors.ts';

/**
 * What reading one XLSX workbook may hold. A workbook is a ZIP: 23 MB on disk can expand to
 * gigabytes of text, and exceljs keeps every shared string in memory while the sheet streams past.
 * Past a limit the file is refused with 'workbook_too_large' when the shared strings are read, before
 * a single row is planned.
 *
 * The budget: a large file is planned in a job thread whose heap is bounded (jobs/in-worker-thread.ts),
 * inside a server whose budget is a million CSV rows within 300 MB of RSS (bench/import-rss.ts). The
 * strings may take about 50 MB of it. A cached shared string costs about 30 bytes plus its characters
 * (measured on Node 20, 200,000 rows x 11 different texts of 21 characters: 52 bytes a string; two bytes
 * a character when the text is not Latin-1), so 500,000 strings and 16M characters cost 31 MB at most
 * in Latin-1 and 47 MB in any script.
 *
 * What that admits: 200,000 rows with a different email and a different text id on each, and the names,
 * departments and roles real files repeat (about 400,000 strings of 30 characters). A workbook of a
 * million people, each with their own email, is refused, saying to split it; as CSV it is read as a
 * stream within the same budget.
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
  maxSharedStrings: 500_000,
  maxSharedStringChars: 16_000_000,
  maxColumns: 16_384,
  maxCells: 40_000_000,
};

const n = (value: number) => value.toLocaleString('en-US');
const whatToDo =
  'Split it into smaller files (for example 200,000 rows each) and upload them one by one, save it as "CSV UTF-8" (a CSV file is read as a stream, without this limit), or check that it is the file you meant to upload.';

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
