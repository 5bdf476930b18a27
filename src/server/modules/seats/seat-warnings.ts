import type { Executor } from '../../db/connection.ts';
import type { SeatContractRow } from '../../db/schema.ts';
import type { EmailTemplatesService } from '../email-templates/email-templates.service.ts';
import type { OutboxService } from '../notifications/outbox.service.ts';
import type { OrganizationsService } from '../organizations/organizations.service.ts';
import type { TenantSettingsService } from '../tenants/tenant-settings.service.ts';
import type { SeatsRepository } from './seats.repository.ts';

/** The "seats running out" email to each administrator of the contract's organization, from the tenant's template. */
export class SeatWarnings {
  constructor(
    private readonly repo: SeatsRepository,
    private readonly templates: EmailTemplatesService,
    private readonly outbox: OutboxService,
    private readonly orgs: OrganizationsService,
    private readonly settings: TenantSettingsService,
    private readonly loginUrl: string,
  ) {}

  async send(trx: Executor, contract: SeatContractRow, used: number, crossedAt: string): Promise<void> {
    const admins = await this.repo.administratorsOf(trx, contract.orgId);
    if (admins.length === 0) return;
    const [org] = await this.orgs.getManyByIds(trx, [contract.orgId]);
    const tenant = await this.settings.settingsOf(trx, contract.tenantId);
    const render = await this.templates.compileForOutbox(trx, contract.tenantId, 'seats_warning');
    await this.outbox.enqueueMany(
      trx,
      admins.map((admin) => ({
        tenantId: contract.tenantId,
        kind: 'seats_warning',
        recipient: admin.email,
        ...render({
          firstName: admin.firstName,
          lastName: admin.lastName,
          tenantName: tenant.tenantName,
          orgName: org?.name ?? '',
          used: String(used),
          seats: String(contract.seats),
          percent: String(Math.floor((used * 100) / contract.seats)),
          warnAt: String(contract.warnAt),
          endsOn: contract.endsOn,
          mode: contract.mode === 'block' ? 'new accounts are refused once every seat is taken' : 'new accounts are still accepted past it',
          seatsUrl: `${this.loginUrl}/seats?orgId=${contract.orgId}`,
        }),
        payload: { contractId: contract.id, used },
        dedupeKey: `seats_warning:${contract.id}:${admin.id}:${crossedAt}`,
      })),
    );
  }
}
