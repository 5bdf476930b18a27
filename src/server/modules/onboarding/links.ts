import { ErrorCodes, type ErrorCode } from '../../../common/error-codes.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { sha256 } from '../../platform/hashing.ts';
import type { OneTimeTokenRow, OneTimeTokensRepository, TokenPurpose } from './one-time-tokens.repository.ts';

/** The error codes a used or lapsed link answers with: the registration contract names its own. */
const goneCodes: Record<TokenPurpose, { used: ErrorCode; expired: ErrorCode }> = {
  activation: { used: ErrorCodes.invitationUsed, expired: ErrorCodes.invitationExpired },
  password_reset: { used: ErrorCodes.linkUsed, expired: ErrorCodes.linkExpired },
};

export const linkUsed = (purpose: TokenPurpose, message: string) => new AppError('gone', goneCodes[purpose].used, message);
export const linkExpired = (purpose: TokenPurpose, message: string) => new AppError('gone', goneCodes[purpose].expired, message);

/**
 * The live link behind a token from an email: unknown → 404; used or past its expiry → 410 with a
 * message saying what to do next.
 */
export async function liveLink(
  db: Parameters<OneTimeTokensRepository['getByHash']>[0],
  tokens: OneTimeTokensRepository,
  token: string,
  purpose: TokenPurpose,
  now: Date,
  messages: { used: string; expired: string },
): Promise<OneTimeTokenRow & { accountId: string }> {
  const row = await tokens.getByHash(db, sha256(token));
  if (!row || row.purpose !== purpose || !row.accountId) throw notFound('This link');
  if (row.usedAt) throw linkUsed(purpose, messages.used);
  if (row.expiresAt <= now.toISOString()) throw linkExpired(purpose, messages.expired);
  return row as OneTimeTokenRow & { accountId: string };
}
