import type { Executor } from '../../db/connection.ts';
import type { Clock, IdSource } from '../../platform/clock.ts';
import { sha256 } from '../../platform/hashing.ts';
import type { EmailTemplatesService } from '../email-templates/email-templates.service.ts';
import type { OutboxService } from '../notifications/outbox.service.ts';
import type { AccountRequestsRepository, RequestRow } from './account-requests.repository.ts';

/** A private link stays usable for half a year: long enough for a slow conversation, not forever. */
export const requestLinkDays = 180;

/**
 * Mail to the person who asked. Every message carries a fresh private link (only its SHA-256 is kept,
 * so a link cannot be sent twice from what is stored); earlier links keep working until they lapse.
 */
export class RequesterMailService {
  constructor(
    private readonly repo: AccountRequestsRepository,
    private readonly templates: EmailTemplatesService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly ids: IdSource,
    private readonly publicUrl: string,
  ) {}

  get siteUrl(): string {
    return this.publicUrl;
  }

  async mintLink(trx: Executor, requestId: string): Promise<string> {
    const token = this.ids.randomToken(32);
    const now = this.clock.now();
    await this.repo.insertLink(trx, {
      id: this.ids.newId(),
      requestId,
      tokenHash: sha256(token),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + requestLinkDays * 86_400_000).toISOString(),
    });
    return `${this.publicUrl}/my-request/${token}`;
  }

  /** The confirmation: reference number and private link, in the tenant's wording. */
  async sendReceived(trx: Executor, request: RequestRow, tenantName: string): Promise<void> {
    const requestUrl = await this.mintLink(trx, request.id);
    const render = await this.templates.compileForOutbox(trx, request.tenantId, 'account_request_received');
    await this.outbox.enqueue(trx, {
      tenantId: request.tenantId,
      kind: 'account_request_received',
      recipient: request.email,
      ...render({
        firstName: request.firstName,
        lastName: request.lastName,
        email: request.email,
        tenantName,
        requestNumber: String(request.number),
        requestUrl,
        siteUrl: this.publicUrl,
      }),
      payload: { requestId: request.id },
      dedupeKey: `account_request_received:${request.id}`,
    });
  }

  /** Tells the person a request was handed to, with the address of its page in the console. */
  async sendHanded(
    trx: Executor,
    request: RequestRow,
    to: { email: string; firstName: string; lastName: string },
    context: { tenantName: string; sender: { firstName: string; lastName: string }; eventId: string },
  ): Promise<void> {
    const render = await this.templates.compileForOutbox(trx, request.tenantId, 'account_request_handed');
    await this.outbox.enqueue(trx, {
      tenantId: request.tenantId,
      kind: 'account_request_handed',
      recipient: to.email,
      ...render({
        firstName: to.firstName,
        lastName: to.lastName,
        tenantName: context.tenantName,
        requestNumber: String(request.number),
        requesterName: `${request.firstName} ${request.lastName}`,
        requesterEmail: request.email,
        roleWanted: request.roleWanted ?? 'a role they did not name',
        programme: request.programme ?? 'programme not given',
        senderFirstName: context.sender.firstName,
        senderLastName: context.sender.lastName,
        requestPageUrl: `${this.publicUrl}/requests/${request.id}`,
      }),
      payload: { requestId: request.id },
      dedupeKey: `account_request_handed:${context.eventId}`,
    });
  }

  /** A reply already filled in (its requestUrl is a link minted for it); the link is added when the words left it out. */
  async sendReply(trx: Executor, request: RequestRow, reply: { subject: string; body: string; requestUrl: string }, messageId: string) {
    const body = reply.body.includes(reply.requestUrl)
      ? reply.body
      : `${reply.body}\n\n--\nTo answer, or to see where your request (no. ${request.number}) stands: ${reply.requestUrl}`;
    await this.outbox.enqueue(trx, {
      tenantId: request.tenantId,
      kind: 'account_request_reply',
      recipient: request.email,
      subject: reply.subject,
      bodyText: body,
      bodyHtml: null,
      payload: { requestId: request.id, messageId },
      dedupeKey: `account_request_reply:${messageId}`,
    });
  }
}
