import type { ImportMode, ImportPage, ImportRowPage, ImportView, RowOutcome } from '../../common/schemas/imports.ts';
import type { ImportTemplateView as ImportTemplate } from '../../common/schemas/import-templates.ts';
import { ApiError, get, post, withQuery, type ApiErrorBody } from './client.ts';

export type {
  ImportMode,
  ImportPage,
  ImportRowPage,
  ImportRowView,
  ImportStatus,
  ImportView,
  RowOutcome,
} from '../../common/schemas/imports.ts';
export type { ImportTemplateView as ImportTemplate } from '../../common/schemas/import-templates.ts';

/** The largest upload the server accepts (src/server/modules/imports/import-files.ts). */
export { maxImportFileBytes as maxUploadBytes, maxImportFileLabel } from '../../common/schemas/imports.ts';

const path = (id: string, rest = '') => `/api/imports/${encodeURIComponent(id)}${rest}`;

/** Typed calls for the import wizard, the import log and an import's detail page. */
export const importsApi = {
  templates: (orgId: string) => get<{ items: ImportTemplate[] }>('/api/import-templates', { orgId }).then((r) => r.items),
  /** A plain link: the server answers with content-disposition: attachment. */
  templateUrl: (key: string, orgId: string, format: 'csv' | 'xlsx' = 'csv') =>
    withQuery(`/api/import-templates/${encodeURIComponent(key)}/template.${format}`, { orgId }),
  list: (query: { limit?: number; cursor?: string; order?: 'newest' | 'oldest' }) => get<ImportPage>('/api/imports', query),
  get: (id: string) => get<ImportView>(path(id)),
  rows: (id: string, query: { outcome?: RowOutcome; limit?: number; cursor?: string }) => get<ImportRowPage>(path(id, '/rows'), query),
  failedRowsUrl: (id: string) => path(id, '/failed.csv'),
  commit: (id: string, attested = false) => post<ImportView>(path(id, '/commit'), attested ? { attested: true } : undefined),
  rollback: (id: string) => post<ImportView>(path(id, '/rollback')),
  cancel: (id: string) => post<ImportView>(path(id, '/cancel')),
  upload,
};

/** A refused upload; `details` carries, for example, the import already running for the same file. */
export class UploadError extends ApiError {
  constructor(
    status: number,
    code: string,
    message: string,
    fields: Record<string, string>,
    readonly details?: Record<string, unknown>,
  ) {
    super(status, code, message, fields);
  }
}

/**
 * Sends the file as multipart/form-data. The browser writes the content type (with its boundary) itself;
 * the request is same-origin, so the server's origin check passes as for every other console call.
 */
async function upload(input: { orgId: string; template: string; mode: ImportMode; file: File }): Promise<{ id: string }> {
  const form = new FormData();
  // Fields before the file: the server reads the parts in order and needs them only once the file is stored.
  form.set('orgId', input.orgId);
  form.set('template', input.template);
  form.set('mode', input.mode);
  form.set('file', input.file, input.file.name);
  let response: Response;
  try {
    response = await fetch('/api/imports', {
      method: 'POST',
      headers: { accept: 'application/json', 'x-registrar-client': 'console' },
      credentials: 'same-origin',
      body: form,
    });
  } catch {
    throw new ApiError(
      0,
      'network_error',
      'The file could not be sent: Registrar could not be reached. Check your connection and try again.',
    );
  }
  const json = (await response.json().catch(() => undefined)) as (ApiErrorBody & { id?: string }) | undefined;
  if (!response.ok || !json?.id) {
    const error = json?.error;
    throw new UploadError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? `The server answered ${response.status}.`,
      error?.details?.fields ?? {},
      error?.details,
    );
  }
  return { id: json.id };
}
