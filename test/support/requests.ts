import assert from 'node:assert/strict';
import type { TestContext } from './context.ts';

let address = 0;
/** A fresh client address per call site, so the per-address limit of one test does not close another's. */
export const newAddress = () => `10.17.${Math.floor(++address / 250)}.${(address % 250) + 1}`;

/** POST /api/public/account-requests from `ip`, unauthenticated. */
export function submitRequest(ctx: TestContext, body: Record<string, unknown>, ip = newAddress()) {
  return ctx.app.inject({ method: 'POST', url: '/api/public/account-requests', payload: body, remoteAddress: ip });
}

/** The newest held message of `kind` to `email`, and the private request link's token in it. */
export async function requestMail(ctx: TestContext, email: string, kind: string) {
  await ctx.drainJobs();
  // Oldest first by id (time-ordered ids: two messages may share a millisecond).
  const messages = (await ctx.services.outbox.messagesTo(ctx.database.db, email))
    .filter((m) => m.kind === kind)
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const message = messages.at(-1);
  assert.ok(message, `a ${kind} message to ${email}`);
  const token = /\/my-request\/([\w-]+)/.exec(message.bodyText)?.[1];
  return { message, token: token as string, count: messages.length };
}
