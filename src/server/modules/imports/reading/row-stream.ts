import type { OpenedTable, SourceRow, TableInfo } from './types.ts';

/**
 * The part both readers share once the header is known: peek one row (so a header-only file is told
 * apart before planning starts), then stream the rest, closing the file when the stream ends or the
 * caller stops early.
 */
export async function tableFrom(
  info: TableInfo,
  header: SourceRow,
  nextRow: () => Promise<SourceRow | null>,
  close: () => Promise<void>,
): Promise<OpenedTable> {
  const firstRow = await nextRow();
  if (!firstRow) await close();

  async function* rows(): AsyncGenerator<SourceRow> {
    try {
      if (!firstRow) return;
      yield firstRow;
      for (let row = await nextRow(); row; row = await nextRow()) yield row;
    } finally {
      await close();
    }
  }
  return { info, header, rows: rows(), hasRows: firstRow !== null, close };
}
