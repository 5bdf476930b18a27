import type { ThrottlePolicy, ThrottleService } from './throttle.service.ts';
import { tooMany } from './throttle.service.ts';

/**
 * One address guessing one account: five tries, then waits of 1, 2, 4, 8 and 15 minutes (15 repeating)
 * before each further try; forgotten a day after the first failure or at the first right password. Only
 * that address waits: a stranger elsewhere cannot lock the real person out.
 */
export const perAddressAndAccount: ThrottlePolicy = { free: 5, delaysSeconds: [60, 120, 240, 480, 900], streakSeconds: 86_400 };
/** One address, whatever the accounts: 50 tries in 15 minutes, then 15 minutes of waiting. Right passwords do not count. */
export const perAddress: ThrottlePolicy = { free: 50, delaysSeconds: [900], streakSeconds: 900 };
/**
 * One account, from every address: past 100 failed tries in an hour the account is guarded. An address
 * that has not failed on it is still checked (so the person signs in from their own device), but any
 * address that already failed on it is refused until the hour ends: a distributed guesser gets one try
 * per address per hour instead of five.
 */
export const perAccount: ThrottlePolicy = { free: 100, delaysSeconds: [], streakSeconds: 3600 };

const what = 'failed sign-in attempts';

export interface SignInTicket {
  pairKey: string;
  addressKey: string;
  accountKey: string;
}

/**
 * The sign-in policy over the shared counters. Every attempt is counted *before* its password is checked,
 * so concurrent attempts cannot all slip past the limit: the count is taken atomically per key.
 */
export class SignInThrottle {
  constructor(private readonly throttle: ThrottleService) {}

  /**
   * Counts the attempt or throws the 429. `subject` names the account tried (its id when the name matched
   * exactly one account, so its username and email share one count), `address` the client.
   */
  async admit(subject: string, address: string): Promise<SignInTicket> {
    const ticket = { pairKey: pairKey(subject, address), addressKey: `signin-address:${address}`, accountKey: accountKey(subject) };
    const pair = await this.throttle.take(ticket.pairKey, perAddressAndAccount);
    if (!pair.admitted) throw tooMany(what, pair.retryAfterSeconds);
    const fromAddress = await this.throttle.take(ticket.addressKey, perAddress);
    if (!fromAddress.admitted) {
      // Refused for the address as a whole: this pair's count should not grow from an attempt never checked.
      await this.throttle.giveBack(ticket.pairKey, perAddressAndAccount);
      throw tooMany(what, fromAddress.retryAfterSeconds);
    }
    const onAccount = await this.throttle.take(ticket.accountKey, perAccount);
    if (onAccount.admitted && onAccount.attempts > perAccount.free && pair.attempts > 1) {
      await this.throttle.giveBack(ticket.addressKey, perAddress);
      await this.throttle.giveBack(ticket.accountKey, perAccount);
      throw tooMany(what, await this.throttle.secondsUntilStreakEnds(ticket.accountKey, perAccount));
    }
    return ticket;
  }

  /** The password was right: the pair starts afresh and the attempt does not count against the address or account. */
  async succeeded(ticket: SignInTicket): Promise<void> {
    await this.throttle.reset(ticket.pairKey);
    await this.throttle.giveBack(ticket.addressKey, perAddress);
    await this.throttle.giveBack(ticket.accountKey, perAccount);
  }

  /** A completed password reset proves the mailbox: earlier wrong guesses at this account, from anywhere, are forgotten. */
  async forgetAccount(accountId: string): Promise<void> {
    await this.throttle.resetPrefix(pairKey(accountSubject(accountId), ''));
    await this.throttle.reset(accountKey(accountSubject(accountId)));
  }
}

export const accountSubject = (accountId: string) => `account:${accountId}`;
export const nameSubject = (typed: string) => `name:${typed.trim().toLowerCase()}`;
const pairKey = (subject: string, address: string) => `signin-pair:${subject}|${address}`;
const accountKey = (subject: string) => `signin-account:${subject}`;
