import type { Executor } from '../../db/connection.ts';
import type { OutboxTable } from '../../db/schema.ts';
import type { Clock, IdSource } from '../../platform/clock.ts';
import type { OutboxRepository } from './outbox.repository.ts';

export interface OutgoingMessage {
  tenantId: string | null;
  kind: string;
  recipient: string;
  subject: string;
  bodyText: string;
  payload?: unknown;
  /** Identifies the change that causes the message, so a replay never queues it twice. */
  dedupeKey: string;
}

/**
 * Messages are written to the outbox inside the transaction of the change that causes them: a
 * rolled-back change sends nothing, a committed one always has its message. Delivery is separate.
 */
export class OutboxService {
  constructor(
    private readonly repo: OutboxRepository,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  async enqueue(db: Executor, message: OutgoingMessage): Promise<void> {
    await this.repo.insert(db, {
      id: this.ids.newId(),
      tenantId: message.tenantId,
      kind: message.kind,
      recipient: message.recipient,
      subject: message.subject,
      bodyText: message.bodyText,
      bodyHtml: null,
      payload: JSON.stringify(message.payload ?? {}),
      dedupeKey: message.dedupeKey,
      status: 'pending',
      attempts: 0,
      lastError: null,
      createdAt: this.clock.now().toISOString(),
      sentAt: null,
    });
  }

  async messagesTo(db: Executor, recipient: string): Promise<OutboxTable[]> {
    return this.repo.listByRecipient(db, recipient);
  }
}
