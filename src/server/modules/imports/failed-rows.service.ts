import { Readable } from 'node:stream';
import Papa from 'papaparse';
import type { Db } from '../../db/connection.ts';
import type { Actor } from '../../platform/actor.ts';
import { ErrorCodes } from '../../../common/error-codes.ts';
import { AppError, invalidState } from '../../platform/errors.ts';
import { importFileRetentionDays } from '../../../common/schemas/imports.ts';
import { neutralizeCell } from '../../platform/spreadsheet-cell.ts';
import { materializeUpload } from './import-files.ts';
import type { ImportsRepository } from './imports.repository.ts';
import type { ImportsService } from './imports.service.ts';
import { openTable } from './reading/index.ts';

/**
 * The failed rows as they were uploaded, with a Reason column, ready to fix and upload again. The
 * original file is read again rather than stored row by row, so only the failures cost anything.
 */
export class FailedRowsService {
  constructor(
    private readonly db: Db,
    private readonly repo: ImportsRepository,
    private readonly imports: ImportsService,
  ) {}

  async failedRowsCsv(actor: Actor, id: string): Promise<{ fileName: string; stream: Readable }> {
    const imp = await this.imports.requireImport(actor, id);
    if (['queued', 'planning'].includes(imp.status))
      throw invalidState('The import is still being checked; try again when the preview is ready.');
    const committed = imp.committedAt !== null;
    if (!(await this.repo.fileChunk(this.db, id, 0))) {
      throw new AppError(
        'gone',
        ErrorCodes.importFileRemoved,
        `The uploaded file was removed (${importFileRetentionDays} days after the import ended, or when its preview expired), so its failed rows cannot be rebuilt as uploaded. The import's row list still shows each failed line and its reason.`,
      );
    }
    const failed = await this.repo.failedLines(this.db, id, committed);
    const file = await materializeUpload(this.db, this.repo, id);
    const base = imp.fileName.replace(/\.(csv|txt|tsv|xlsx)$/i, '');
    async function* lines(): AsyncGenerator<string> {
      try {
        const table = await openTable(file.path, { fileName: imp.fileName });
        const delimiter = table.info.delimiter ?? ',';
        const line = (cells: string[]) => `${Papa.unparse([cells.map(neutralizeCell)], { delimiter, newline: '\r\n' })}\r\n`;
        yield `\uFEFF${line([...table.header.cells.map((c) => c.replace(/^\uFEFF/, '')), 'Reason'])}`;
        if (failed.size === 0) return;
        for await (const row of table.rows) {
          const failure = failed.get(row.line);
          // The row's Type (the role it names) travels in the reason, so the file's own columns stay as uploaded.
          if (failure !== undefined)
            yield line([...row.cells, `Line ${row.line}${failure.type ? `, ${failure.type}` : ''}: ${failure.message}`]);
        }
      } finally {
        await file.discard();
      }
    }
    return { fileName: `${base}-failed-rows.csv`, stream: Readable.from(lines()) };
  }
}
