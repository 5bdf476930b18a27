import type { Executor } from '../../db/connection.ts';
import type { Clock } from '../../platform/clock.ts';
import type { SendCheck } from '../notifications/delivery.service.ts';
import type { OneTimeTokensRepository } from './one-time-tokens.repository.ts';

/**
 * A message that carries a single-use link goes out only while the link still works: held mail sent
 * weeks later, or a retry that outlived the link, would otherwise deliver a dead or replaced link.
 */
export function linkStillLive(db: Executor, tokens: OneTimeTokensRepository, clock: Clock): SendCheck {
  return async (row) => {
    const tokenId = tokenIdOf(row.payload);
    if (!tokenId) return null;
    const token = await tokens.getById(db, tokenId);
    if (!token) return 'the link in it no longer exists.';
    if (token.usedAt) return 'the link in it was already used.';
    if (token.expiresAt <= clock.now().toISOString()) return 'the link in it has expired or was replaced by a newer one.';
    return null;
  };
}

function tokenIdOf(payload: string): string | undefined {
  try {
    const value = JSON.parse(payload) as { tokenId?: unknown };
    return typeof value.tokenId === 'string' ? value.tokenId : undefined;
  } catch {
    return undefined;
  }
}
