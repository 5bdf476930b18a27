import type { AccountRequestDetail, ReplyInput } from '../../../common/schemas/account-requests.ts';
import type { ResponseTemplatePreview } from '../../../common/schemas/response-templates.ts';
import type { Db, Executor } from '../../db/connection.ts';
import type { Actor } from '../../platform/actor.ts';
import type { Clock, IdSource } from '../../platform/clock.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { TenantSettingsService } from '../tenants/tenant-settings.service.ts';
import type { AccountRequestsRepository, RequestWithNames } from './account-requests.repository.ts';
import { sampleResponseValues } from './built-in-responses.ts';
import { requireSeen } from './request-access.ts';
import { secondsBetween } from './request-view.ts';
import type { RequesterMailService } from './requester-mail.service.ts';
import { render, type ResponseTemplatesService } from './response-templates.service.ts';
import type { QueueService } from './queue.service.ts';

/**
 * Answers in the thread: a reply from a template or in the handler's own words is emailed to the
 * person (with a fresh private link) and waits for them; a note stays with staff.
 */
export class RepliesService {
  constructor(
    private readonly db: Db,
    private readonly repo: AccountRequestsRepository,
    private readonly queue: QueueService,
    private readonly templates: ResponseTemplatesService,
    private readonly mail: RequesterMailService,
    private readonly accounts: AccountsService,
    private readonly tenants: TenantSettingsService,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  async reply(actor: Actor, id: string, input: ReplyInput): Promise<AccountRequestDetail> {
    return this.queue.change(actor, id, async (trx, row) => {
      const messageId = this.ids.newId();
      const now = this.clock.now().toISOString();
      const author = await this.queue.authorName(trx, actor);
      const chosen = input.templateKey ? await this.templates.text(trx, row.tenantId, input.templateKey) : undefined;
      const words = {
        subject: input.subject ?? chosen?.subject ?? `About your account request (no. ${row.number})`,
        body: input.body ?? chosen?.body ?? '',
      };
      if (input.note) {
        await this.repo.insertMessage(trx, {
          id: messageId,
          requestId: row.id,
          kind: 'note',
          authorId: actor.accountId,
          authorLabel: author,
          subject: null,
          body: words.body,
          templateKey: null,
          createdAt: now,
        });
        await this.repo.update(trx, row.id, { updatedAt: now });
        return { action: 'account_request.noted', event: null, after: { messageId } };
      }
      const requestUrl = await this.mail.mintLink(trx, row.id);
      const filled = render(words, await this.valuesFor(trx, actor, row, requestUrl));
      await this.repo.insertMessage(trx, {
        id: messageId,
        requestId: row.id,
        kind: 'reply',
        authorId: actor.accountId,
        authorLabel: author,
        subject: filled.subject,
        // The thread keeps the words without the private link: staff have no use for it, and it is a key.
        body: filled.body.split(requestUrl).join('(private link)'),
        templateKey: input.templateKey ?? null,
        createdAt: now,
      });
      await this.mail.sendReply(trx, row, { ...filled, requestUrl }, messageId);
      const status = row.status === 'resolved' ? 'resolved' : 'waiting';
      await this.repo.update(trx, row.id, {
        status,
        firstAnsweredAt: row.firstAnsweredAt ?? now,
        firstAnswerSeconds: row.firstAnswerSeconds ?? secondsBetween(row.createdAt, now),
        updatedAt: now,
      });
      return {
        action: 'account_request.replied',
        event: null,
        before: { status: row.status },
        after: { status, messageId, templateKey: input.templateKey ?? null },
      };
    });
  }

  /** A template (or draft) filled for this request, as the person would read it (the link shown as a sample). */
  async preview(
    actor: Actor,
    key: string,
    input: { requestId?: string; subject?: string; body?: string; tenantId?: string },
  ): Promise<ResponseTemplatePreview> {
    if (!input.requestId) return this.templates.preview(actor, key, input, sampleResponseValues, input.tenantId);
    const row = requireSeen(actor, await this.repo.getById(this.db, input.requestId));
    const values = await this.valuesFor(this.db, actor, row, `${this.mail.siteUrl}/my-request/(private link)`);
    return this.templates.preview(actor, key, input, values, row.tenantId);
  }

  private async valuesFor(db: Executor, actor: Actor, row: RequestWithNames, requestUrl: string): Promise<Record<string, string>> {
    const tenant = await this.tenants.settingsOf(db, row.tenantId);
    const account = row.accountId ? await this.accounts.getRecord(db, row.accountId) : undefined;
    const inviter = row.redirectedToId ? await this.accounts.getRecord(db, row.redirectedToId) : undefined;
    const sender = (await this.accounts.senderOf(db, actor)) ?? { firstName: actor.label, lastName: '' };
    return {
      firstName: row.firstName,
      lastName: row.lastName,
      email: row.email,
      username: account?.username ?? row.email,
      requestNumber: String(row.number),
      requestUrl,
      siteUrl: this.mail.siteUrl,
      tenantName: tenant.tenantName,
      orgName: row.orgName ?? row.orgText ?? '',
      roleWanted: row.roleWanted ?? '',
      programme: row.programme ?? '',
      inviterName: inviter ? `${inviter.firstName} ${inviter.lastName}` : '',
      inviterEmail: inviter?.email ?? '',
      senderFirstName: sender.firstName,
      senderLastName: sender.lastName,
    };
  }
}
