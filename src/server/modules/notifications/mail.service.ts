import type { MailMessage, MailPage, MailQuery, MailSummary } from '../../../common/schemas/mail.ts';
import type { Db } from '../../db/connection.ts';
import { decodeCursor, encodeCursor } from '../../platform/cursor.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { isTenantAdministrator, type Actor } from '../auth/actor.ts';
import type { OutboxRepository, OutboxRow } from './outbox.repository.ts';

/**
 * The console's Mail page: what was sent, is waiting, or is held because no SMTP server is configured.
 * Global administrators read every message; a tenant's root administrators read their tenant's.
 */
export class MailService {
  constructor(
    private readonly db: Db,
    private readonly repo: OutboxRepository,
    /** False without SMTP: messages are held here instead of sent. */
    private readonly delivers: boolean,
  ) {}

  async listMessages(actor: Actor, query: MailQuery): Promise<MailPage> {
    const tenantId = this.tenantScope(actor);
    const limit = query.limit ?? 50;
    const cursor = query.cursor ? decodeCursor(query.cursor, 2) : undefined;
    const rows = await this.repo.list(this.db, {
      ...(tenantId === 'all' ? {} : { tenantId }),
      ...(query.status ? { status: query.status } : {}),
      limit: limit + 1,
      ...(cursor ? { before: { createdAt: cursor[0] ?? '', id: cursor[1] ?? '' } } : {}),
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { items: page.map(toSummary), nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt, last.id]) : null, delivery: this.delivers ? 'smtp' : 'held' };
  }

  async getMessage(actor: Actor, id: string): Promise<MailMessage> {
    const tenantId = this.tenantScope(actor);
    const row = await this.repo.getById(this.db, id);
    if (!row || (tenantId !== 'all' && row.tenantId !== tenantId)) throw notFound('The message');
    return { ...toSummary(row), bodyText: row.bodyText, bodyHtml: row.bodyHtml };
  }

  private tenantScope(actor: Actor): 'all' | string {
    if (actor.isGlobalAdmin) return 'all';
    if (actor.tenantId && isTenantAdministrator(actor, actor.tenantId)) return actor.tenantId;
    throw forbidden('Only global administrators and a tenant’s administrators can read its mail.');
  }
}

function toSummary(row: OutboxRow): MailSummary {
  return {
    id: row.id,
    tenantId: row.tenantId,
    kind: row.kind,
    recipient: row.recipient,
    subject: row.subject,
    status: row.status,
    attempts: Number(row.attempts),
    lastError: row.lastError,
    createdAt: row.createdAt,
    sentAt: row.sentAt,
  };
}
