import type ExcelJS from 'exceljs';
import { exceljs } from '../../../platform/on-first-use.ts';
import { isBlank } from './cell-splitter.ts';
import { csvLine } from './csv-line.ts';
import { FileReadError } from './errors.ts';
import { tableFrom } from './row-stream.ts';
import { boundSharedStrings, workbookTooLarge, type WorkbookLimits } from './workbook-limits.ts';
import type { OpenedTable, SourceRow, TableInfo } from './types.ts';
import { cellText } from './xlsx-cell-text.ts';

const unreadable = (cause: unknown) =>
  new FileReadError(
    'unreadable_xlsx',
    'The workbook could not be read: it may be damaged, password-protected or not an Excel .xlsx file. Open it in Excel, save it again as "Excel Workbook (.xlsx)" or "CSV UTF-8", and upload it again.',
    { cause: cause instanceof Error ? cause.message : String(cause) },
  );

/** A limit passed while exceljs parsed (thrown from inside it) stays itself; anything else means a damaged file. */
const readProblem = (error: unknown) => (error instanceof FileReadError ? error : unreadable(error));

function rowCells(row: ExcelJS.Row, maxColumns: number): string[] {
  const values = row.values as unknown[];
  // Checked before the loop: a row's length is its last used column, whatever lies between.
  if (values.length - 1 > maxColumns) throw workbookTooLarge('maxColumns', maxColumns, row.number);
  const cells: string[] = [];
  for (let i = 1; i < values.length; i += 1) {
    const value = values[i];
    const isFormula = typeof value === 'object' && value !== null && ('formula' in value || 'sharedFormula' in value);
    cells.push(cellText(value, isFormula ? row.getCell(i).numFmt : undefined));
  }
  return cells;
}

/**
 * Reads the first worksheet with exceljs's streaming reader (shared strings and styles cached, so
 * text and dates come out right). A spreadsheet row has no "field count": rows shorter than the
 * header only lack trailing empty cells, so they are padded to the header's width; cells past it
 * are kept so the caller can report them.
 */
export async function openXlsx(path: string, limits: WorkbookLimits): Promise<OpenedTable> {
  const info: TableInfo = { format: 'xlsx', encoding: 'xlsx', delimiter: null, repairedBytes: 0 };
  const reader = new (exceljs().stream.xlsx.WorkbookReader)(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  boundSharedStrings(reader, limits);
  // exceljs may read a worksheet before it has read the workbook part, with that part's sheet list and date settings
  // still unset ("Cannot read properties of undefined (reading 'sheets')"): when the sheet comes first in the zip
  // (parts may come in any order), and now and then when the workbook part is the zip's last, as exceljs writes it
  // (1 read in 300 of the same file here, a race in its reader). Empty ones stand in until the workbook part arrives:
  // the sheet is read as the first, with dates in the usual 1900 system.
  Object.assign(reader, { model: { sheets: [] }, properties: {} });
  const sheets = reader[Symbol.asyncIterator]();
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    (reader as unknown as { stream?: { destroy(): void } }).stream?.destroy();
    await sheets.return(undefined).catch(() => undefined);
  };

  let width = 0;
  let cellsRead = 0;
  let sheetRows: AsyncIterator<ExcelJS.Row>;
  const nextRow = async (): Promise<SourceRow | null> => {
    for (;;) {
      let next: IteratorResult<ExcelJS.Row>;
      try {
        next = await sheetRows.next();
      } catch (error) {
        throw readProblem(error);
      }
      if (next.done) return null;
      const cells = rowCells(next.value, limits.maxColumns);
      cellsRead += cells.length;
      if (cellsRead > limits.maxCells) throw workbookTooLarge('maxCells', limits.maxCells);
      if (isBlank(cells)) continue;
      while (cells.length < width) cells.push('');
      return { line: next.value.number, cells, raw: csvLine(cells) };
    }
  };

  try {
    let first: IteratorResult<ExcelJS.stream.xlsx.WorksheetReader>;
    try {
      first = await sheets.next();
    } catch (error) {
      throw readProblem(error);
    }
    if (first.done) throw new FileReadError('unreadable_xlsx', 'The workbook has no worksheet to read.');
    sheetRows = first.value[Symbol.asyncIterator]();
    const header = await nextRow();
    if (!header) throw new FileReadError('empty_file', 'The first worksheet of the workbook is empty: it has no header row.');
    // Formatting can leave empty cells after the last column name; they are not columns.
    while (header.cells.length > 0 && header.cells[header.cells.length - 1]?.trim() === '') header.cells.pop();
    header.raw = csvLine(header.cells);
    width = header.cells.length;
    return await tableFrom(info, header, nextRow, close);
  } catch (error) {
    await close();
    throw error;
  }
}
