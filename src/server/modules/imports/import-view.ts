import type { ImportCounts, ImportMode, ImportView } from '../../../common/schemas/imports.ts';
import type { ImportRow } from '../../db/schema.ts';
import { ignoredColumnsNotice } from './planning/header-check.ts';

/** A preview describes the accounts as they were; after a week it is more likely wrong than right. */
export const previewLifetimeDays = 7;
export const previewLifetimeMs = previewLifetimeDays * 86400_000;

/** An import row as the API shows it: times, counts, how the file was read, and what the preview says. */
export function toView(row: ImportRow, orgName: string): ImportView {
  const ignoredColumns = row.ignoredColumns ? (JSON.parse(row.ignoredColumns) as string[]) : [];
  const expiresAt =
    row.status === 'planned' && row.plannedAt ? new Date(Date.parse(row.plannedAt) + previewLifetimeMs).toISOString() : null;
  return {
    id: row.id,
    status: row.status as ImportView['status'],
    mode: row.mode as ImportMode,
    template: row.templateKey,
    fileName: row.fileName,
    fileSize: row.fileSize,
    checksum: row.checksum,
    orgId: row.orgId,
    orgName,
    uploadedBy: { id: row.uploadedBy, label: row.uploadedByLabel },
    counts: JSON.parse(row.counts) as ImportCounts,
    rowsDone: row.rowsDone,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    plannedAt: row.plannedAt,
    committedAt: row.committedAt,
    finishedAt: row.finishedAt,
    rolledBackAt: row.rolledBackAt,
    error: row.error ? (JSON.parse(row.error) as ImportView['error']) : null,
    format: row.format ? (JSON.parse(row.format) as ImportView['format']) : null,
    ignoredColumns,
    notices: [
      ignoredColumnsNotice(ignoredColumns),
      expiresAt ? `This preview expires on ${readableDay(expiresAt)} if it is not imported.` : undefined,
    ].filter((notice): notice is string => notice !== undefined),
    expiresAt,
  };
}

/** "30 November 2026 at 23:18 UTC" */
function readableDay(iso: string): string {
  const date = new Date(iso);
  const month = date.toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });
  return `${date.getUTCDate()} ${month} ${date.getUTCFullYear()} at ${iso.slice(11, 16)} UTC`;
}
