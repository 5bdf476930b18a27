import { accountExportQuerySchema, bulkExportQuerySchema } from '../../../../common/schemas/bulk-actions.ts';
import { actorOf } from '../../../platform/request-auth.ts';
import { idParamsSchema, type ApiInstance } from '../../../platform/route-types.ts';
import type { BulkActionsService } from '../bulk-actions.service.ts';
import { assertXlsxSize, type AccountExportService, type ExportFormat } from './account-export.service.ts';

const contentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function exportRoutes(app: ApiInstance, deps: { exporter: AccountExportService; bulk: BulkActionsService }): void {
  const { exporter, bulk } = deps;
  const fileName = (format: ExportFormat) => `accounts-${new Date().toISOString().slice(0, 10)}.${format}`;

  app.get(
    '/api/accounts/export',
    {
      schema: {
        tags: ['Accounts'],
        summary: 'The accounts list (any filter) as CSV or XLSX in the `accounts` import template’s columns, streamed',
        description: 'Re-imported into the organization it came from, rows not edited come back `unchanged`. Cells are formula-safe.',
        querystring: accountExportQuerySchema,
      },
    },
    async (request, reply) => {
      const { format = 'csv', ...filter } = request.query;
      const pages = await exporter.filterPages(actorOf(request), filter, format);
      return reply
        .type(contentTypes[format])
        .header('content-disposition', `attachment; filename="${fileName(format)}"`)
        .send(exporter.stream(pages, format));
    },
  );

  app.get(
    '/api/bulk-actions/:id/export',
    {
      schema: {
        tags: ['Bulk actions'],
        summary: 'The file of a completed export bulk action (CSV or XLSX), with the selected accounts’ values now',
        params: idParamsSchema,
        querystring: bulkExportQuerySchema,
      },
    },
    async (request, reply) => {
      const format = request.query.format ?? 'csv';
      const { pages, count } = await bulk.exportPages(actorOf(request), request.params.id);
      if (format === 'xlsx') assertXlsxSize(count);
      return reply
        .type(contentTypes[format])
        .header('content-disposition', `attachment; filename="${fileName(format)}"`)
        .send(exporter.stream(pages, format));
    },
  );
}
