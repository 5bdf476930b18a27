/**
 * Every CSV the server hands out goes through here, because people open them in spreadsheets, and a
 * spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula (CSV injection). Leading
 * spaces do not stop it — Excel and LibreOffice skip them, no-break and other Unicode spaces included —
 * and the full-width forms ＝ ＋ － ＠ are turned into their ASCII twins by spreadsheets set up for East
 * Asian input. A tab or carriage return at the start can shift the cell into another column or line.
 * Such a cell gets a leading apostrophe, which spreadsheets read as "this is text" and do not show.
 *
 * A plain number (an optional sign, digits, at most one decimal point: `-42`, `+3.5`) is left as it is:
 * no spreadsheet reads it as anything but that number, and a negative balance should stay a number.
 * Dates (`2026-11-23`, `11/23/2026`) start with a digit and are never touched.
 */
const formulaStart = /^[\s\p{Zs}\uFEFF]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/u;
const controlStart = /^[\t\r]/;
const plainNumber = /^[+-]?\d+(\.\d+)?$/;

export function neutralizeCell(cell: string): string {
  if (controlStart.test(cell)) return `'${cell}`;
  if (plainNumber.test(cell)) return cell;
  return formulaStart.test(cell) ? `'${cell}` : cell;
}

/**
 * The value a neutralized cell stood for: our own exports add the apostrophe, so a file exported and
 * imported again must not keep it. Only the exact form `neutralizeCell` writes is undone.
 */
export function restoreNeutralizedCell(cell: string): string {
  return cell.startsWith("'") && neutralizeCell(cell.slice(1)) === cell ? cell.slice(1) : cell;
}
