/**
 * File-level reading problems. Each has a stable code the import job stores and the console can
 * switch on, and a message written for the administrator who uploaded the file.
 */
export type FileReadErrorCode =
  'empty_file' | 'no_rows' | 'binary_file' | 'unsupported_format' | 'unreadable_xlsx' | 'record_too_long' | 'workbook_too_large';

export class FileReadError extends Error {
  override readonly name = 'FileReadError';

  constructor(
    readonly code: FileReadErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** For the caller once it has seen a header and no rows (see `OpenedTable.hasRows`). */
export function noRowsError(): FileReadError {
  return new FileReadError('no_rows', 'The file has a header line but no rows to import.');
}
