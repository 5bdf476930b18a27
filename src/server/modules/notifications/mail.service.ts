import type { MailMessage, MailPage, MailQuery, MailSummary } from '../../../common/schemas/mail.ts';
import { ErrorCodes } from '../../../common/error-codes.ts';
import type { Db } from '../../db/connection.ts';
import { inTransaction } from '../../db/transaction.ts';
import { decodeCursor, pageOf } from '../../platform/cursor.ts';
import { conflict, forbidden, invalidState, notFound } from '../../platform/errors.ts';
import { Permissions } from '../../../common/permissions.ts';
import { isTenantAdministrator, reach, type Actor } from '../../platform/actor.ts';
import { htmlFromText } from '../email-templates/render-email.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { hideLinksInMessage, linksToHide } from './link-redaction.ts';
import type { OutboxListFilter, OutboxRepository, OutboxRow } from './outbox.repository.ts';
import type { OutboxService } from './outbox.service.ts';

/**
 * The console's Mail page: what was sent, is waiting, or is held because no SMTP server is configured.
 * Global administrators read every message; a tenant's root administrators read their tenant's; other
 * administrators the messages to the accounts of their subtrees (sending again stays the tenant's).
 */
export class MailService {
  constructor(
    private readonly db: Db,
    private readonly repo: OutboxRepository,
    /** False without SMTP: messages are held here instead of sent. */
    private readonly delivers: boolean,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /** A failed message (or one held before SMTP was configured) gets another round of attempts. */
  async sendAgain(actor: Actor, id: string): Promise<{ queued: number }> {
    const tenantId = this.tenantScope(actor);
    this.assertDelivers();
    return inTransaction(this.db, async (trx) => {
      const row = await this.repo.getById(trx, id);
      if (!row || (tenantId !== 'all' && row.tenantId !== tenantId)) throw notFound('The message');
      if (row.status !== 'failed' && row.status !== 'held') {
        throw invalidState(`Only failed or held messages can be sent again; this one is ${row.status}.`);
      }
      const queued = await this.outbox.requeue(trx, [id]);
      await this.audit.record(trx, actor, {
        action: 'mail.sent_again',
        targetType: 'mail',
        targetId: id,
        tenantId: row.tenantId,
        orgPath: row.tenantId ? `/${row.tenantId}/` : null,
        before: { status: row.status },
        after: { status: 'pending' },
      });
      return { queued };
    });
  }

  /**
   * Sends what was held while no SMTP server was configured. Deliberately a person's decision, not
   * automatic at start-up: held mail may be old, and they choose when it goes.
   */
  async sendHeld(actor: Actor): Promise<{ queued: number }> {
    const tenantId = this.tenantScope(actor);
    this.assertDelivers();
    let queued = 0;
    for (;;) {
      const batch = await inTransaction(this.db, async (trx) => {
        const ids = await this.repo.heldIds(trx, tenantId, 1000);
        return { found: ids.length, queued: await this.outbox.requeue(trx, ids) };
      });
      queued += batch.queued;
      if (batch.found < 1000) break;
    }
    await this.audit.record(this.db, actor, {
      action: 'mail.held_sent',
      targetType: 'mail',
      targetId: null,
      tenantId: tenantId === 'all' ? null : tenantId,
      orgPath: tenantId === 'all' ? null : `/${tenantId}/`,
      after: { queued },
    });
    return { queued };
  }

  private assertDelivers(): void {
    if (!this.delivers)
      throw conflict(
        ErrorCodes.smtpNotConfigured,
        'No SMTP server is configured (SMTP_URL), so messages stay held here. Configure SMTP and restart, then send them.',
      );
  }

  async listMessages(actor: Actor, query: MailQuery): Promise<MailPage> {
    const scope = this.readScope(actor);
    const limit = query.limit ?? 50;
    const cursor = query.cursor ? decodeCursor(query.cursor, 2) : undefined;
    const filter: OutboxListFilter = {
      ...(scope === 'all' ? {} : scope),
      ...(query.status ? { status: query.status } : {}),
      ...(query.kind ? { kind: query.kind } : {}),
      ...(query.recipient ? { recipient: query.recipient } : {}),
    };
    const [rows, total] = await Promise.all([
      this.repo.list(this.db, {
        ...filter,
        limit: limit + 1,
        oldest: query.order === 'oldest',
        ...(cursor ? { before: { createdAt: cursor[0] ?? '', id: cursor[1] ?? '' } } : {}),
      }),
      this.repo.count(this.db, filter),
    ]);
    const { page, nextCursor } = pageOf(rows, limit, (row) => [row.createdAt, row.id]);
    return {
      items: page.map(toSummary),
      nextCursor,
      total,
      delivery: this.delivers ? 'smtp' : 'held',
    };
  }

  async getMessage(actor: Actor, id: string): Promise<MailMessage> {
    const scope = this.readScope(actor);
    const row = await this.repo.getById(this.db, id);
    if (!row || !(await this.inScope(scope, row))) throw notFound('The message');
    const shown = hideLinksInMessage(row, linksToHide(row.kind, row.status));
    return { ...toSummary(row), bodyText: shown.bodyText, bodyHtml: shown.bodyHtml ?? htmlFromText(shown.bodyText) };
  }

  /**
   * Who reads which mail: global administrators all of it, a tenant's administrators their tenant's, and
   * anyone who may send activation links (accounts.lifecycle, a county administrator) the messages to the
   * accounts of their own subtrees, so they can see what was held for the people they look after.
   */
  private readScope(actor: Actor): 'all' | { tenantId: string; roots?: string[] } {
    if (actor.isGlobalAdmin) return 'all';
    if (actor.tenantId && isTenantAdministrator(actor, actor.tenantId)) return { tenantId: actor.tenantId };
    const roots = reach(actor, Permissions.accountsLifecycle);
    if (actor.tenantId && roots !== 'all' && roots.length > 0) return { tenantId: actor.tenantId, roots };
    throw forbidden(
      'Only administrators can read mail: a tenant’s administrators all of its mail, others the mail of their own organizations.',
    );
  }

  private async inScope(scope: ReturnType<MailService['readScope']>, row: OutboxRow): Promise<boolean> {
    if (scope === 'all') return true;
    if (row.tenantId !== scope.tenantId) return false;
    if (!scope.roots) return true;
    return (await this.repo.count(this.db, { ...scope, ids: [row.id] })) > 0;
  }

  private tenantScope(actor: Actor): 'all' | string {
    if (actor.isGlobalAdmin) return 'all';
    if (actor.tenantId && isTenantAdministrator(actor, actor.tenantId)) return actor.tenantId;
    throw forbidden('Only global administrators and a tenant’s administrators can read its mail.');
  }
}

/** The list's view of a message: its subject too may carry a link (a template saved before links were kept out of subjects). */
function toSummary(row: OutboxRow): MailSummary {
  return {
    id: row.id,
    tenantId: row.tenantId,
    kind: row.kind,
    recipient: row.recipient,
    subject: hideLinksInMessage(row, linksToHide(row.kind, row.status)).subject,
    status: row.status,
    attempts: Number(row.attempts),
    lastError: row.lastError,
    createdAt: row.createdAt,
    sentAt: row.sentAt,
  };
}
