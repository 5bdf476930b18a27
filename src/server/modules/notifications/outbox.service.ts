import type { Executor } from '../../db/connection.ts';
import type { OutboxTable } from '../../db/schema.ts';
import type { JobQueue } from '../../jobs/index.ts';
import type { Clock, IdSource } from '../../platform/clock.ts';
import { deliveryJob, type DeliveryPayload } from './delivery.service.ts';
import type { OutboxRepository } from './outbox.repository.ts';

export interface OutgoingMessage {
  tenantId: string | null;
  kind: string;
  recipient: string;
  subject: string;
  bodyText: string;
  bodyHtml?: string | null;
  payload?: unknown;
  /** Identifies the change that causes the message, so a replay never queues it twice. */
  dedupeKey: string;
}

/**
 * Messages are written to the outbox inside the transaction of the change that causes them, together
 * with the job that delivers them: a rolled-back change sends nothing, a committed one always has its
 * message and its delivery job.
 */
export class OutboxService {
  constructor(
    private readonly repo: OutboxRepository,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    private readonly ids: IdSource,
    /** True when this process has no way to send mail (no SMTP configured). */
    private readonly holdsMail = false,
  ) {}

  async enqueue(db: Executor, message: OutgoingMessage): Promise<void> {
    const row = this.toRow(message);
    if (await this.repo.insert(db, row)) await this.jobs.enqueue(db, deliveryJobFor(row.id));
  }

  /**
   * For monitoring: messages waiting to go out (pending, or being sent), held because no SMTP server is
   * configured, and given up on. Every state is listed, with 0 when none is in it.
   */
  async backlog(db: Executor): Promise<Record<'pending' | 'sending' | 'held' | 'failed', number>> {
    const counts = { pending: 0, sending: 0, held: 0, failed: 0 };
    for (const row of await this.repo.countByStatus(db, ['pending', 'sending', 'held', 'failed'])) {
      if (row.status in counts) counts[row.status as keyof typeof counts] = row.count;
    }
    return counts;
  }

  /**
   * Many messages in a few statements (imports: one call per batch, no query per row), delivered by
   * one job per chunk of messages instead of one per message: 100,000 welcomes are a few hundred jobs.
   * A message whose dedupe key exists is skipped; its id then finds no row and counts as done.
   */
  async enqueueMany(db: Executor, messages: readonly OutgoingMessage[], options: { holdWhereUndeliverable?: boolean } = {}): Promise<void> {
    if (messages.length === 0) return;
    // An import's welcomes, where this process cannot send mail, are stored held at once: pending
    // messages would each get a delivery job whose only work is to rewrite them as held, which cost an
    // import as much as writing them. (Elsewhere the delivering process decides, as it may have SMTP.)
    const held = Boolean(options.holdWhereUndeliverable && this.holdsMail);
    const rows = messages.map((m) => this.toRow(m, held ? 'held' : 'pending'));
    if (held) {
      await this.repo.insertMany(db, rows);
      return;
    }
    await this.repo.insertMany(db, rows);
    await this.enqueueDeliveries(
      db,
      rows.map((r) => r.id),
    );
  }

  private async enqueueDeliveries(db: Executor, ids: readonly string[]): Promise<void> {
    const jobs = [];
    for (let start = 0; start < ids.length; start += messagesPerJob) {
      const outboxIds = ids.slice(start, start + messagesPerJob);
      const payload: DeliveryPayload = { outboxIds };
      jobs.push({
        type: deliveryJob.type,
        payload,
        maxAttempts: deliveryJob.maxAttempts,
        dedupeKey: `${deliveryJob.type}:${outboxIds[0]}`,
      });
    }
    await this.jobs.enqueueMany(db, jobs);
  }

  /** Another round of delivery for failed or held messages (the console's "Send again"); returns how many. */
  async requeue(db: Executor, ids: readonly string[]): Promise<number> {
    const queued = await this.repo.requeue(db, ids, this.clock.now().toISOString());
    await this.enqueueDeliveries(db, queued);
    return queued.length;
  }

  /** Cancels the unsent messages caused by these changes (their dedupe keys); returns how many. */
  async cancel(db: Executor, dedupeKeys: readonly string[], reason: string): Promise<number> {
    if (dedupeKeys.length === 0) return 0;
    return this.repo.cancelByDedupeKeys(db, dedupeKeys, reason, this.clock.now().toISOString());
  }

  async messagesTo(db: Executor, recipient: string): Promise<OutboxTable[]> {
    return this.repo.listByRecipient(db, recipient);
  }

  private toRow(message: OutgoingMessage, status: 'pending' | 'held' = 'pending'): OutboxTable {
    const now = this.clock.now().toISOString();
    return {
      id: this.ids.newId(),
      tenantId: message.tenantId,
      kind: message.kind,
      recipient: message.recipient,
      subject: message.subject,
      bodyText: message.bodyText,
      bodyHtml: message.bodyHtml ?? null,
      payload: JSON.stringify(message.payload ?? {}),
      dedupeKey: message.dedupeKey,
      status,
      attempts: 0,
      lastError: null,
      createdAt: now,
      sentAt: null,
      updatedAt: now,
    };
  }
}

/** Bounds one job's run (each message is one SMTP exchange); a retry resends nothing already sent. */
const messagesPerJob = 200;

function deliveryJobFor(outboxId: string) {
  const payload: DeliveryPayload = { outboxId };
  return { type: deliveryJob.type, payload, maxAttempts: deliveryJob.maxAttempts, dedupeKey: `${deliveryJob.type}:${outboxId}` };
}
