import type { Executor } from '../../db/connection.ts';
import type { ImportRow } from '../../db/schema.ts';
import type { EmailTemplatesService } from '../email-templates/email-templates.service.ts';
import type { OutboxService } from '../notifications/outbox.service.ts';
import type { OrganizationsService } from '../organizations/organizations.service.ts';
import type { TenantSettingsService } from '../tenants/tenant-settings.service.ts';

export interface Uploader {
  email: string;
  firstName: string;
  lastName: string;
}

/**
 * The import log for a file refused as a whole (a header that does not fit the template, a file that
 * cannot be read): the uploader learns why by email, as they would for a finished import. Written in
 * the caller's transaction with the refusal itself, and at most once per import.
 */
export class RefusedFileNotice {
  constructor(
    private readonly templates: EmailTemplatesService,
    private readonly outbox: OutboxService,
    private readonly orgs: OrganizationsService,
    private readonly settings: TenantSettingsService,
    private readonly loginUrl: string,
  ) {}

  async send(trx: Executor, imp: ImportRow, uploader: Uploader, reason: string, finishedAt: string): Promise<void> {
    const [org] = await this.orgs.getManyByIds(trx, [imp.orgId]);
    const tenant = await this.settings.settingsOf(trx, imp.tenantId);
    const render = await this.templates.compileForOutbox(trx, imp.tenantId, 'import_refused');
    const email = render({
      firstName: uploader.firstName,
      lastName: uploader.lastName,
      tenantName: tenant.tenantName,
      orgName: org?.name ?? '',
      fileName: imp.fileName,
      startedAt: readableTime(imp.startedAt ?? imp.createdAt),
      finishedAt: readableTime(finishedAt),
      reason,
      importUrl: `${this.loginUrl}/imports/${imp.id}`,
    });
    await this.outbox.enqueue(trx, {
      tenantId: imp.tenantId,
      kind: 'import_log',
      recipient: uploader.email,
      ...email,
      payload: { importId: imp.id, refused: true },
      dedupeKey: `import_log:${imp.id}`,
    });
  }
}

/** "2026-11-23 09:14 UTC" */
function readableTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
