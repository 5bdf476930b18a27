import type { EnrollmentResult } from '../../../common/schemas/enrollment.ts';
import type { Executor } from '../../db/connection.ts';
import type { EnrollmentRow } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import type { Clock, IdSource } from '../../platform/clock.ts';
import type { AccountBrief } from '../accounts/account-record.ts';
import type { AuditEntry, AuditService } from '../audit/audit.service.ts';
import type { SectionWithCourse } from './catalog-record.ts';
import type { EnrollmentNotices, NoticeTarget } from './enrollment-notices.ts';
import type { EnrollmentsRepository } from './enrollments.repository.ts';
import { place } from './placement.ts';

export interface PlaceOptions {
  force: boolean;
  reason: string | null;
  /** The learning-path enrollment of each account, when the places are taken for a path. */
  pathEnrollmentOf?: ReadonlyMap<string, string>;
}

/**
 * The one writer of a section's places. Every change of who holds a place (enroll, withdraw,
 * promote, cancel) goes through here inside the caller's transaction, after taking the section's
 * lock, so counts read under the lock stay true until commit. A batch costs a fixed number of
 * statements (lock, count, read existing, insert, audit, outbox), not a number per person.
 */
export class SectionSeatsService {
  constructor(
    private readonly repo: EnrollmentsRepository,
    private readonly notices: EnrollmentNotices,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  async place(
    trx: Executor,
    actor: Actor,
    section: SectionWithCourse,
    accounts: readonly AccountBrief[],
    options: PlaceOptions,
  ): Promise<EnrollmentResult[]> {
    const locked = await this.repo.lockSection(trx, section.id);
    if (!locked) throw new Error(`section ${section.id} vanished`);
    const fresh = { ...section, ...locked };
    const now = this.clock.now().toISOString();
    const existing = new Map(
      (
        await this.repo.liveIn(
          trx,
          section.id,
          accounts.map((a) => a.id),
        )
      ).map((e) => [e.accountId, e]),
    );
    const placements = place({
      section: fresh,
      now,
      taken: await this.repo.countTaken(trx, section.id),
      force: options.force,
      accounts,
      existing,
    });
    const byId = new Map(accounts.map((a) => [a.id, a]));
    let seq = fresh.waitlistSeq;
    const rows: EnrollmentRow[] = [];
    const results: EnrollmentResult[] = [];
    const audits: AuditEntry[] = [];
    const notices: Record<'enrolled' | 'waitlisted', NoticeTarget[]> = { enrolled: [], waitlisted: [] };
    for (const p of placements) {
      const account = byId.get(p.accountId) as AccountBrief;
      if (p.outcome === 'failed') {
        results.push({ accountId: p.accountId, status: 'failed', reason: p.reason, enrollmentId: p.enrollmentId ?? null });
        continue;
      }
      if (p.outcome === 'promoted') {
        await this.repo.update(trx, p.enrollmentId, {
          status: 'enrolled',
          enrolledAt: now,
          waitlistPosition: null,
          forced: 1,
          reason: options.reason,
          updatedAt: now,
        });
        audits.push(
          this.entry(account, p.enrollmentId, section, 'enrollment.forced', {
            status: 'enrolled',
            fromWaitlist: true,
            reason: options.reason,
          }),
        );
        notices.enrolled.push(target(account, p.enrollmentId));
        results.push({ accountId: p.accountId, status: 'enrolled', reason: 'forced', enrollmentId: p.enrollmentId });
        continue;
      }
      const waitlisted = p.outcome === 'waitlisted';
      const forced = p.outcome === 'enrolled' && p.forced;
      const id = this.ids.newId();
      const position = waitlisted ? ++seq : null;
      rows.push({
        id,
        tenantId: section.tenantId,
        accountId: account.id,
        sectionId: section.id,
        courseId: section.courseId,
        orgPath: section.orgPath,
        pathEnrollmentId: options.pathEnrollmentOf?.get(account.id) ?? null,
        status: waitlisted ? 'waitlisted' : 'enrolled',
        waitlistPosition: position,
        forced: forced ? 1 : 0,
        reason: options.reason,
        enrolledBy: actor.accountId,
        enrolledByLabel: actor.label,
        createdAt: now,
        updatedAt: now,
        enrolledAt: waitlisted ? null : now,
        waitlistedAt: waitlisted ? now : null,
        withdrawnAt: null,
        withdrawnBecause: null,
        completedAt: null,
      });
      const action = forced ? 'enrollment.forced' : waitlisted ? 'enrollment.waitlisted' : 'enrollment.enrolled';
      audits.push(
        this.entry(account, id, section, action, {
          status: waitlisted ? 'waitlisted' : 'enrolled',
          ...(position ? { waitlistPosition: position } : {}),
          ...(options.reason ? { reason: options.reason } : {}),
        }),
      );
      notices[waitlisted ? 'waitlisted' : 'enrolled'].push(target(account, id, position));
      results.push({
        accountId: account.id,
        status: waitlisted ? 'waitlisted' : 'enrolled',
        reason: forced ? 'forced' : null,
        enrollmentId: id,
      });
    }
    await this.repo.insertMany(trx, rows);
    if (seq !== fresh.waitlistSeq) await this.repo.setWaitlistSeq(trx, section.id, seq);
    await this.audit.recordMany(trx, actor, audits);
    await this.notices.send(trx, 'enrolled', section, notices.enrolled);
    await this.notices.send(trx, 'waitlisted', section, notices.waitlisted);
    return results;
  }

  /**
   * Takes people out of a section (withdrawn by an administrator, archived, or the section
   * cancelled) and gives the freed places to the first on the waitlist, while places are free —
   * a section whose capacity was lowered below its count promotes nobody until it is under it.
   */
  async release(
    trx: Executor,
    actor: Actor,
    section: SectionWithCourse,
    leaving: readonly EnrollmentRow[],
    because: 'withdrawn' | 'archived' | 'section_cancelled',
    people: (accountIds: readonly string[]) => Promise<Map<string, AccountBrief>>,
    note?: string,
  ): Promise<{ promoted: EnrollmentRow[] }> {
    const locked = await this.repo.lockSection(trx, section.id);
    if (!locked) throw new Error(`section ${section.id} vanished`);
    const now = this.clock.now().toISOString();
    for (const e of leaving) {
      await this.repo.update(trx, e.id, {
        status: 'withdrawn',
        withdrawnAt: now,
        withdrawnBecause: because,
        waitlistPosition: null,
        updatedAt: now,
      });
    }
    let promoted: EnrollmentRow[] = [];
    if (because !== 'section_cancelled') {
      const free = locked.capacity - (await this.repo.countTaken(trx, section.id));
      if (free > 0) promoted = await this.repo.firstWaitlisted(trx, section.id, free);
      for (const e of promoted) {
        await this.repo.update(trx, e.id, { status: 'enrolled', enrolledAt: now, waitlistPosition: null, updatedAt: now });
      }
    }
    const accounts = await people([...leaving, ...promoted].map((e) => e.accountId));
    const audits: AuditEntry[] = [];
    for (const e of leaving) {
      const account = accounts.get(e.accountId);
      if (account)
        audits.push(
          this.entry(account, e.id, section, 'enrollment.withdrawn', { status: 'withdrawn', because, ...(note ? { note } : {}) }, e.status),
        );
    }
    for (const e of promoted) {
      const account = accounts.get(e.accountId);
      if (account) audits.push(this.entry(account, e.id, section, 'enrollment.promoted', { status: 'enrolled' }, 'waitlisted'));
    }
    await this.audit.recordMany(trx, actor, audits);
    const toTargets = (rows: readonly EnrollmentRow[]) =>
      rows.flatMap((e) => {
        const account = accounts.get(e.accountId);
        return account ? [target(account, e.id)] : [];
      });
    await this.notices.send(trx, 'promoted', section, toTargets(promoted));
    if (because === 'section_cancelled') await this.notices.send(trx, 'section_cancelled', section, toTargets(leaving));
    return { promoted };
  }

  private entry(
    account: AccountBrief,
    enrollmentId: string,
    section: SectionWithCourse,
    action: string,
    after: Record<string, unknown>,
    beforeStatus?: string,
  ): AuditEntry {
    return {
      action,
      targetType: 'enrollment',
      targetId: enrollmentId,
      tenantId: section.tenantId,
      // The account's place in the tree: its administrators read the history of its enrollments.
      orgPath: account.orgPath,
      ...(beforeStatus ? { before: { status: beforeStatus } } : {}),
      after: { accountId: account.id, sectionId: section.id, sectionCode: section.code, ...after },
    };
  }
}

const target = (account: AccountBrief, enrollmentId: string, waitlistPosition?: number | null): NoticeTarget => ({
  enrollmentId,
  email: account.email,
  firstName: account.firstName,
  lastName: account.lastName,
  username: account.username,
  orgName: account.orgName,
  waitlistPosition: waitlistPosition ?? null,
});
