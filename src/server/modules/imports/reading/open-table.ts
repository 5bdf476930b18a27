import { open } from 'node:fs/promises';
import { openCsv } from './csv-table.ts';
import { sampleSize, sniff } from './sniff.ts';
import type { OpenedTable, OpenTableOptions } from './types.ts';
import { defaultWorkbookLimits } from './workbook-limits.ts';
import { openXlsx } from './xlsx-table.ts';

export const defaultMaxFieldLength = 1_000_000;

async function readSample(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(sampleSize);
    const { bytesRead } = await handle.read(buffer, 0, sampleSize, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Opens a stored upload the way Excel wrote it: an XLSX workbook (told by its ZIP signature, not
 * its name) or delimited text in any of Excel's encodings. Streams; the file is never held in
 * memory. Throws FileReadError for problems with the file as a whole.
 */
export async function openTable(path: string, options: OpenTableOptions = {}): Promise<OpenedTable> {
  const sniffed = sniff(await readSample(path), options.fileName);
  if (sniffed.format === 'xlsx') return openXlsx(path, { ...defaultWorkbookLimits, ...options.workbookLimits });
  return openCsv(path, sniffed.encoding, sniffed.bomLength, options.maxFieldLength ?? defaultMaxFieldLength);
}
