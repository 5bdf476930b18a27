import type { Db } from '../../db/connection.ts';
import { htmlFromText } from '../email-templates/render-email.ts';
import type { Clock } from '../../platform/clock.ts';
import { hideLinksInMessage, hideSecretsInMessage } from './link-redaction.ts';
import type { OutboxRepository, OutboxRow } from './outbox.repository.ts';
import { sendsInFlight, type Transport } from './transport.ts';

/** The job that delivers one outbox row. Retries use the job runner's backoff (5 s, 10 s, … ≈ 40 min in all). */
export const deliveryJob = { type: 'notification.deliver', maxAttempts: 10 } as const;
/** One message (single enqueue), or a batch's messages (imports: one job per batch, not per account). */
export type DeliveryPayload = { outboxId: string } | { outboxIds: string[] };

/**
 * How long one attempt holds a message (`sending`). Longer than the SMTP timeouts, so a live attempt
 * always finishes inside it; after it, the message counts as abandoned and another attempt takes it.
 */
const leaseMs = 5 * 60_000;

/** Another attempt holds the message right now; the job retries later. */
export class DeliveryBusyError extends Error {}

export type DeliveryOutcome = 'sent' | 'held' | 'failed' | 'missing' | 'already-sent' | 'not-wanted';

/**
 * Asked just before a message goes out: a reason not to send it (its single-use link was used, replaced
 * or has expired while the message waited), or null to send it.
 */
export type SendCheck = (row: OutboxRow) => Promise<string | null>;

/**
 * Sends one outbox message, at most once per claim: the row is claimed (pending → sending, fenced by
 * its attempt number) before sending, and a row already `sent` is done. The one window left is a
 * crash after the SMTP server accepted the message and before `sent` is written: SMTP has no
 * idempotency key, so the message is sent again; its Message-ID header is derived from the outbox id,
 * so a receiver can recognise the repeat.
 */
export class DeliveryService {
  constructor(
    private readonly db: Db,
    private readonly repo: OutboxRepository,
    private readonly transport: Transport,
    private readonly from: string,
    private readonly clock: Clock,
    private readonly stillWanted: SendCheck = async () => null,
  ) {}

  /**
   * A batch's messages. Held in one statement without SMTP; with SMTP one by one, where a failure
   * does not stop the others: the job then fails this attempt and its retry sends only what is still
   * pending (sent messages are done).
   */
  async deliverMany(
    outboxIds: readonly string[],
    lastAttempt: boolean,
    signal?: AbortSignal,
  ): Promise<Partial<Record<DeliveryOutcome, number>>> {
    if (!this.transport.delivers) {
      const held = await this.repo.markHeldMany(this.db, outboxIds, this.clock.now().toISOString());
      return { held };
    }
    const counts: Partial<Record<DeliveryOutcome, number>> = {};
    const errors: string[] = [];
    // A few messages in flight at once, one per pooled SMTP connection: each send waits mostly on the server.
    let next = 0;
    const sendInTurn = async () => {
      while (next < outboxIds.length) {
        signal?.throwIfAborted();
        const id = outboxIds[next++] as string;
        try {
          const outcome = await this.deliver(id, lastAttempt);
          counts[outcome] = (counts[outcome] ?? 0) + 1;
        } catch (error) {
          errors.push(error instanceof Error ? error.message : String(error));
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(sendsInFlight, outboxIds.length) }, sendInTurn));
    if (errors.length > 0) throw new Error(`${errors.length} of ${outboxIds.length} messages were not sent: ${errors[0]}`);
    return counts;
  }

  /** `lastAttempt`: this is the job's final try, so a failure marks the message `failed` for good. */
  async deliver(outboxId: string, lastAttempt: boolean): Promise<DeliveryOutcome> {
    const row = await this.repo.getById(this.db, outboxId);
    if (!row) return 'missing';
    if (row.status === 'sent') return 'already-sent';
    if (row.status === 'held' || row.status === 'failed') return row.status;
    if (row.status === 'cancelled') return 'not-wanted';
    const now = this.clock.now();
    if (!this.transport.delivers) {
      await this.repo.markHeld(this.db, row.id, now.toISOString());
      return 'held';
    }
    const notWanted = await this.stillWanted(row);
    if (notWanted) {
      await this.repo.markNotSent(this.db, row.id, `Not sent: ${notWanted}`, now.toISOString());
      return 'not-wanted';
    }
    const attempt = await this.repo.claim(this.db, row.id, now.toISOString(), new Date(now.getTime() + leaseMs).toISOString());
    if (attempt === undefined) {
      const current = await this.repo.getById(this.db, row.id);
      if (current?.status === 'sent') return 'already-sent';
      if (current?.status === 'sending') throw new DeliveryBusyError(`Message ${row.id} is being sent by another attempt.`);
      return (current?.status as DeliveryOutcome | undefined) ?? 'missing';
    }
    try {
      const { providerMessageId } = await this.transport.send({
        messageId: messageIdFor(row.id, this.from),
        from: this.from,
        to: row.recipient,
        subject: row.subject,
        text: row.bodyText,
        html: row.bodyHtml ?? htmlFromText(row.bodyText),
      });
      // Delivered: the stored copy no longer needs the single-use links or the temporary password it carried.
      const { subject, bodyText, bodyHtml, payload } = hideSecretsInMessage(hideLinksInMessage(row, ['activation', 'reset']));
      const scrubbed = { subject, bodyText, bodyHtml, payload };
      await this.repo.markSent(this.db, row.id, this.clock.now().toISOString(), providerMessageId, scrubbed);
      return 'sent';
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.repo.release(
        this.db,
        row.id,
        attempt,
        lastAttempt ? 'failed' : 'pending',
        message.slice(0, 1000),
        this.clock.now().toISOString(),
      );
      throw error;
    }
  }
}

/** `<outbox-ID@domain-of-sender>`: the same for every attempt at one message. */
export function messageIdFor(outboxId: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'registrar.invalid';
  return `<outbox-${outboxId}@${domain}>`;
}
