import { PassThrough, Readable } from 'node:stream';
import { once } from 'node:events';
import { exceljs } from '../../../platform/on-first-use.ts';
import type { Actor } from '../../../platform/actor.ts';
import { fieldError } from '../../../platform/errors.ts';
import type { AccountWithOrg } from '../../accounts/account-record.ts';
import type { AccountSearchService } from '../../accounts/account-search.service.ts';
import { maxXlsxAccounts, type BulkFilter } from '../../../../common/schemas/bulk-actions.ts';
import { csvHead, csvLines, exportHeader, exportRow } from './export-rows.ts';

export type ExportFormat = 'csv' | 'xlsx';
/** Pages of accounts, in order, until exhausted. */
export type AccountPages = () => AsyncGenerator<readonly AccountWithOrg[]>;

/**
 * Accounts read per query. Small on purpose, with one chunk ahead at most (`stream`): a page and the
 * text made of it must die young, in V8's new space. Pages of 2,000, or of 500 with 16 chunks buffered,
 * outlived it, were promoted, and the old space filled with garbage: 420–450 MB RSS for the server over
 * a million rows; pages of 500 one chunk ahead stay near 235 MB, no heap cap (bench/export-rss.ts).
 */
export const exportPageSize = 500;
/**
 * ExcelJS's streaming writer buffers the sheet faster than its zip drains it (a million rows peaked
 * past 1 GB in bench:bulk), so a workbook is kept to `maxXlsxAccounts`, whose memory is known; CSV has no limit.
 */
export { maxXlsxAccounts };

/**
 * Streams accounts as CSV or XLSX a page at a time: memory holds one page and the writer's buffer,
 * however many accounts there are.
 */
export class AccountExportService {
  constructor(private readonly search: AccountSearchService) {}

  /**
   * The accounts list's own filter and reach, in email order. The first page is read now, so a bad
   * filter or an organization out of reach is answered as an error before the file starts.
   */
  async filterPages(actor: Actor, filter: BulkFilter, format: ExportFormat = 'csv'): Promise<AccountPages> {
    const search = this.search;
    if (format === 'xlsx') assertXlsxSize(await search.countMatching(actor, filter));
    const first = await search.selectPage(actor, filter, null, exportPageSize);
    return async function* () {
      yield first.items;
      for (let after = first.next; after;) {
        const page = await search.selectPage(actor, filter, after, exportPageSize);
        yield page.items;
        after = page.next;
      }
    };
  }

  stream(pages: AccountPages, format: ExportFormat): Readable {
    // One chunk ahead at most: the next page is read once the response has taken the last one, so no
    // page ages in the stream's buffer (see exportPageSize).
    return format === 'csv' ? Readable.from(csvChunks(pages), { highWaterMark: 1 }) : xlsxStream(pages);
  }
}

export function assertXlsxSize(count: number): void {
  if (count > maxXlsxAccounts) {
    throw fieldError(
      'format',
      `An Excel export holds at most ${maxXlsxAccounts.toLocaleString('en-US')} accounts; this one has ${count.toLocaleString('en-US')}. Choose CSV, or narrow the filter.`,
    );
  }
}

async function* csvChunks(pages: AccountPages): AsyncGenerator<string> {
  yield csvHead;
  for await (const page of pages()) yield csvLines(page.map((account) => exportRow(account)));
}

function xlsxStream(pages: AccountPages): Readable {
  const out = new PassThrough();
  const workbook = new (exceljs().stream.xlsx.WorkbookWriter)({ stream: out, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet('Accounts');
  void (async () => {
    sheet.addRow([...exportHeader]).commit();
    for await (const page of pages()) {
      for (const account of page) sheet.addRow(exportRow(account, false)).commit();
      // Wait for the reader when it falls behind, so the file never piles up in memory.
      if (out.writableNeedDrain) await once(out, 'drain');
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error as Error));
  return out;
}
