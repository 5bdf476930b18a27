import { PassThrough, Readable } from 'node:stream';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import type { Actor } from '../../../platform/actor.ts';
import { fieldError } from '../../../platform/errors.ts';
import type { AccountWithOrg } from '../../accounts/account-record.ts';
import type { AccountSearchService } from '../../accounts/account-search.service.ts';
import { maxXlsxAccounts, type BulkFilter } from '../../../../common/schemas/bulk-actions.ts';
import { csvHead, csvLines, exportHeader, exportRow } from './export-rows.ts';

export type ExportFormat = 'csv' | 'xlsx';
/** Pages of accounts, in order, until exhausted. */
export type AccountPages = () => AsyncGenerator<readonly AccountWithOrg[]>;

const pageSize = 2000;
/**
 * ExcelJS's streaming writer buffers the sheet faster than its zip drains it (a million rows peaked
 * past 1 GB in bench:bulk), so a workbook is kept to `maxXlsxAccounts`, whose memory is known; CSV has no limit.
 */
export { maxXlsxAccounts };

/**
 * Streams accounts as CSV or XLSX a page at a time: memory holds one page and the writer's buffer,
 * however many accounts there are (a million exports within the same few tens of megabytes).
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
    const first = await search.selectPage(actor, filter, null, pageSize);
    return async function* () {
      yield first.items;
      for (let after = first.next; after;) {
        const page = await search.selectPage(actor, filter, after, pageSize);
        yield page.items;
        after = page.next;
      }
    };
  }

  stream(pages: AccountPages, format: ExportFormat): Readable {
    return format === 'csv' ? Readable.from(csvChunks(pages)) : xlsxStream(pages);
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
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
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
