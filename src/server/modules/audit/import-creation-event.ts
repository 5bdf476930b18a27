import type { AuditEvent, AuditQuery } from '../../../common/schemas/audit.ts';
import type { AuditEventRow } from '../../db/schema.ts';
import type { ImportCreation } from './audit.repository.ts';

/**
 * An imported account's creation, as an event of its history. An import audits its creations as one
 * event per batch (`import.accounts_created`, about the import), and each account's row keeps its import
 * and line; from those, the history of one account still opens with who created it, when, and from which
 * file and line — shaped as any event, its `after` naming the import (`importId`, `fileName`, `line`) so
 * the console can link to it. Who and from where are the batch event's own.
 *
 * Its id is the account's: unique, and a UUIDv7 made when the import was planned, so at the same instant
 * it sorts before every event about the account, as its first event should (pages go by time, then id).
 */
export function importCreationEvent(creation: ImportCreation, batch: AuditEventRow | undefined, namesAccount: boolean): AuditEvent {
  const c = creation;
  return {
    id: c.accountId,
    at: c.createdAt,
    actor: batch ? { id: batch.actorId, label: batch.actorLabel } : { id: c.createdBy, label: c.uploadedByLabel },
    action: 'account.created',
    targetType: 'account',
    targetId: c.accountId,
    source: batch?.source ?? 'import',
    requestId: batch?.requestId ?? null,
    jobId: batch?.jobId ?? c.commitJobId,
    before: null,
    after: { importId: c.importId, fileName: c.fileName, line: c.line },
    account: namesAccount ? { id: c.accountId, name: `${c.firstName} ${c.lastName}`.trim(), email: c.email } : null,
  };
}

/** Whether the event passes the filters the audit's SQL applies to stored events (audit.repository). */
export function matchesFilter(event: AuditEvent, creation: ImportCreation, filter: AuditQuery): boolean {
  if (filter.targetId && event.targetId !== filter.targetId) return false;
  if (filter.actorId && event.actor.id !== filter.actorId) return false;
  if (filter.personId && event.actor.id !== filter.personId && event.targetId !== filter.personId) return false;
  if (filter.action && event.action !== filter.action) return false;
  if (filter.source && event.source !== filter.source) return false;
  if (filter.from && event.at < filter.from) return false;
  if (filter.to && event.at >= filter.to) return false;
  const name = `${creation.firstName} ${creation.lastName}`.toLowerCase();
  const words = (filter.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return words.every((w) => [event.actor.label.toLowerCase(), event.action, creation.email.toLowerCase(), name].some((t) => t.includes(w)));
}

type EventKey = { readonly at: string; readonly id: string };

/** Orders events as the audit's pages do: (at, id), newest first unless `oldest`. */
export function comesBefore(a: EventKey, b: EventKey, oldest: boolean): boolean {
  const earlier = a.at < b.at || (a.at === b.at && a.id < b.id);
  return oldest ? earlier : !earlier && (a.at !== b.at || a.id !== b.id);
}

/**
 * The fetched window of stored events (already in page order) with the creation placed among them. The
 * window holds the first `limit + 1` stored events past the cursor, so merging one more event into it and
 * cutting to `limit + 1` again gives the page exactly as one query over both would.
 */
export function placeEvent(events: readonly AuditEvent[], event: AuditEvent, oldest: boolean, size: number): AuditEvent[] {
  const at = events.findIndex((e) => comesBefore(event, e, oldest));
  const merged = at < 0 ? [...events, event] : [...events.slice(0, at), event, ...events.slice(at)];
  return merged.slice(0, size);
}
