import { CellSplitter, isBlank } from './cell-splitter.ts';
import { delimiterHint, detectDelimiter } from './delimiter.ts';
import { FileReadError } from './errors.ts';
import { tableFrom } from './row-stream.ts';
import { needMore, RecordSplitter, type RawRecord } from './record-splitter.ts';
import type { TextEncoding } from './sniff.ts';
import { readText } from './text-source.ts';
import type { OpenedTable, SourceRow, TableInfo } from './types.ts';

/**
 * Reads a delimited text file: decodes it in chunks, cuts records, takes the first non-blank one
 * as the header and picks the delimiter from it. One row is read ahead so `hasRows` is known.
 */
export async function openCsv(path: string, encoding: TextEncoding, bomLength: number, maxRecordLength: number): Promise<OpenedTable> {
  const info: TableInfo = { format: 'csv', encoding, delimiter: null, repairedBytes: 0 };
  const text = readText(path, bomLength, encoding, info);
  const splitter = new RecordSplitter(maxRecordLength);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await text.return(undefined);
  };

  const nextRecord = async (): Promise<RawRecord | null> => {
    for (;;) {
      const record = splitter.next();
      if (record !== needMore) return record;
      const chunk = await text.next();
      if (chunk.done) splitter.end();
      else splitter.feed(chunk.value);
    }
  };

  try {
    let first = await nextRecord();
    const hint = first ? delimiterHint(first.raw) : null;
    if (hint) first = await nextRecord();
    if (!first) throw new FileReadError('empty_file', 'The file is empty: it has no header line.');
    const delimiter = hint ?? detectDelimiter(first.raw);
    splitter.setDelimiter(delimiter);
    info.delimiter = delimiter;
    const splitCells = new CellSplitter(delimiter);

    const nextRow = async (): Promise<SourceRow | null> => {
      for (;;) {
        const record = await nextRecord();
        if (!record) return null;
        const cells = splitCells.cells(record);
        if (!isBlank(cells)) return { line: record.line, cells, raw: record.raw };
      }
    };

    let header: SourceRow = { line: first.line, cells: splitCells.cells(first), raw: first.raw };
    // A first line of empty cells (",,,,") is not a header; the header is the first line with text.
    if (isBlank(header.cells)) {
      const next = await nextRow();
      if (!next) throw new FileReadError('empty_file', 'The file has no header line: every line is blank.');
      header = next;
    }
    return await tableFrom(info, header, nextRow, close);
  } catch (error) {
    await close();
    throw error;
  }
}
