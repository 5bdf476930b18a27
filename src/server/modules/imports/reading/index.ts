/**
 * Reading uploaded spreadsheets the way Excel writes them.
 *
 * - Format: XLSX when the file starts with a ZIP signature (whatever its name), else delimited text.
 *   Old .xls, XML/HTML spreadsheets → 'unsupported_format'; PDFs, images, NUL bytes → 'binary_file'.
 * - Encoding: a BOM decides (UTF-8, UTF-16LE, UTF-16BE); UTF-16 without BOM is recognised by its NUL
 *   pattern; otherwise the first 64 KB decide between UTF-8 and Windows-1252, and bytes past them
 *   that are not UTF-8 are handled while decoding (see utf8-fallback-decoder.ts, TableInfo).
 * - Delimiter: comma, semicolon or tab, the most frequent outside quotes in the header line, or
 *   Excel's `sep=` hint line.
 * - Records: quote-aware, CRLF/LF/CR; `line` is the physical line a record starts on, counting
 *   quoted line breaks and skipped blank lines; `raw` is its exact text. Blank lines and rows of
 *   empty cells are skipped.
 */
export { openTable } from './open-table.ts';
export { FileReadError, noRowsError, type FileReadErrorCode } from './errors.ts';
export type { OpenedTable, OpenTableOptions, SourceRow, TableEncoding, TableInfo } from './types.ts';
export { defaultWorkbookLimits, type WorkbookLimits } from './workbook-limits.ts';
export { csvLine } from './csv-line.ts';
