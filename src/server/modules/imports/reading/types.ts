import type { WorkbookLimits } from './workbook-limits.ts';

export interface SourceRow {
  /**
   * Physical line number in the file where this record starts (header = 1 when the header is on
   * line 1). A quoted field spanning lines counts them all. Blank lines are skipped and not
   * reported, but still count as physical lines. For XLSX: the sheet row number.
   */
  line: number;
  /** Cell values, as text, untrimmed except that a UTF-8/UTF-16 BOM is never part of the first cell. */
  cells: string[];
  /**
   * The record exactly as it appeared in the file (decoded text, without the trailing line break),
   * for the failed-rows CSV. For XLSX, the cells re-serialized as a comma-separated CSV line.
   */
  raw: string;
}

export type TableEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'xlsx';

export interface TableInfo {
  format: 'csv' | 'xlsx';
  /**
   * Decided from the first 64 KB. A file that looked like UTF-8 there (pure ASCII) but turns out to
   * be Windows-1252 further on is switched while reading: this field then changes to
   * 'windows-1252' (the object is live; read it again after iterating `rows`).
   */
  encoding: TableEncoding;
  delimiter: ',' | ';' | '\t' | null;
  /**
   * Bytes that were not valid UTF-8 in a file that is otherwise UTF-8 (text pasted from two
   * sources). Each such byte was read as its Windows-1252 character. Live, like `encoding`.
   */
  repairedBytes: number;
  /**
   * The lines holding those bytes (the first 100), in a UTF-8 file; absent when there are none.
   * Live, like `encoding`.
   */
  nonUtf8Lines?: number[];
  /** For the administrator: which lines to check and why. Absent when there is nothing to say. */
  warning?: string;
}

export interface OpenedTable {
  info: TableInfo;
  header: SourceRow;
  /** The data rows after the header, in file order. May throw FileReadError('record_too_long' | 'unreadable_xlsx' | 'workbook_too_large'). */
  rows: AsyncIterable<SourceRow>;
  /** False when the file holds a header and nothing else (the caller reports `noRowsError()`). */
  hasRows: boolean;
  /** Releases the file early when the caller will not iterate `rows` to the end. Idempotent. */
  close(): Promise<void>;
}

export interface OpenTableOptions {
  /** The uploaded file's name, used only to make messages clearer. */
  fileName?: string;
  /**
   * The longest record (in characters) the reader holds before giving up with
   * FileReadError('record_too_long'); in practice that is a quote that is never closed and would
   * otherwise swallow the rest of the file. Default 1,000,000, far above any real field.
   */
  maxFieldLength?: number;
  /** Bounds on what reading an XLSX workbook may hold (see workbook-limits.ts); tests lower them. */
  workbookLimits?: Partial<WorkbookLimits>;
}
