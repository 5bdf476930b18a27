const needsQuotes = /[",\r\n]/;

/** One CSV line (comma-separated, no line break), quoting only the cells that need it. */
export function csvLine(cells: readonly string[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i += 1) {
    const cell = cells[i] as string;
    if (i > 0) line += ',';
    line += needsQuotes.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
  }
  return line;
}
