import Papa from 'papaparse';
import type { Delimiter } from './delimiter.ts';
import type { RawRecord } from './record-splitter.ts';

/**
 * Cells of one record. A record without quotes is split natively; one with quotes goes to
 * papaparse's parser, so quoting rules (doubled quotes, delimiters and line breaks inside quotes,
 * stray quotes) are the library's, not ours. The record's bounds are already fixed, so the parser
 * never reads past it.
 */
export class CellSplitter {
  private readonly parser: Papa.Parser;

  constructor(private readonly delimiter: Delimiter) {
    this.parser = new Papa.Parser({ delimiter, newline: '\n', quoteChar: '"' });
  }

  cells(record: RawRecord): string[] {
    if (!record.quoted) return record.raw.split(this.delimiter);
    const rows = (this.parser.parse(record.raw, 0, false) as { data: string[][] }).data;
    return rows.length === 1 ? (rows[0] as string[]) : rows.flat();
  }
}

/** True when every cell is empty or spaces: Excel writes such rows (`,,,,`) below the data. */
export function isBlank(cells: string[]): boolean {
  for (const cell of cells) if (cell.length > 0 && cell.trim().length > 0) return false;
  return true;
}
