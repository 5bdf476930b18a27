import { ErrorCodes } from '../../../common/error-codes.ts';
import { Permissions } from '../../../common/permissions.ts';
import {
  maxAccountsPerEnrollment,
  type CreateEnrollmentsInput,
  type EnrollmentCounts,
  type EnrollmentOutcome,
  type EnrollmentResult,
} from '../../../common/schemas/enrollment.ts';
import type { Db, Executor } from '../../db/connection.ts';
import type { EnrollmentRow } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { can, type Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { fieldError, forbidden, invalidState, notFound } from '../../platform/errors.ts';
import type { AccountSearchService } from '../accounts/account-search.service.ts';
import type { AccountBrief } from '../accounts/account-record.ts';
import type { AccountsService, ArchiveHook } from '../accounts/accounts.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { mayForce } from './catalog-reach.ts';
import type { SectionWithCourse } from './catalog-record.ts';
import type { CatalogService, SectionCancellation } from './catalog.service.ts';
import type { EnrollmentsRepository } from './enrollments.repository.ts';
import type { LearningPathsService } from './learning-paths.service.ts';
import type { PathEnrollmentService } from './path-enrollment.service.ts';
import type { SectionSeatsService } from './section-seats.service.ts';

/** Where people are enrolled: one section, or a learning path (each course's next open section). */
export type EnrollmentTarget = { sectionId: string } | { learningPathId: string };

type EnrollmentFilter = NonNullable<CreateEnrollmentsInput['filter']>;

export interface EnrollOptions {
  force?: boolean;
  reason?: string | null;
}

/** Lists longer than this run as a background job (docs/ENROLLMENT.md, "In bulk"). */
export const backgroundThreshold = 500;

export const tally = (results: readonly EnrollmentResult[]): EnrollmentCounts => ({
  enrolled: results.filter((r) => r.status === 'enrolled').length,
  waitlisted: results.filter((r) => r.status === 'waitlisted').length,
  failed: results.filter((r) => r.status === 'failed').length,
});

/** Starts background enrollment (the bulk service; set once the container built it). */
export interface BulkEnrollment {
  start(
    actor: Actor,
    accountIds: readonly string[],
    target: EnrollmentTarget,
    options: EnrollOptions,
  ): Promise<{ jobId: string; total: number }>;
}

export class EnrollmentsService implements SectionCancellation, ArchiveHook {
  private bulk: BulkEnrollment | undefined;

  constructor(
    private readonly db: Db,
    private readonly repo: EnrollmentsRepository,
    private readonly catalog: CatalogService,
    private readonly learningPaths: LearningPathsService,
    private readonly seats: SectionSeatsService,
    private readonly paths: PathEnrollmentService,
    private readonly accounts: AccountsService,
    private readonly search: AccountSearchService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  useBulk(bulk: BulkEnrollment): void {
    this.bulk = bulk;
  }

  /**
   * POST /api/enrollments. Every account named must be within the caller's reach (else 404, and
   * nothing changes); up to 500 are placed at once, more run as a job.
   */
  async enroll(
    actor: Actor,
    input: CreateEnrollmentsInput,
  ): Promise<{ outcome: EnrollmentOutcome } | { job: { jobId: string; total: number } }> {
    const target: EnrollmentTarget = input.sectionId ? { sectionId: input.sectionId } : { learningPathId: input.learningPathId as string };
    const options = { force: input.force ?? false, reason: input.reason ?? null };
    const ids = [...new Set(input.accountIds ?? (await this.matching(actor, input.filter ?? {})))];
    await this.checkTarget(this.db, actor, target, options);
    if (ids.length > backgroundThreshold) {
      await this.reachableAccounts(this.db, actor, ids, 'refuse');
      return { job: await this.requireBulk().start(actor, ids, target, options) };
    }
    return { outcome: await this.enrollMany(actor, ids, target, { ...options, unreachable: 'refuse' }) };
  }

  /**
   * The one entry for enrolling many (the API, bulk actions, the job): places the accounts in one
   * transaction. Accounts out of reach answer 404 (`unreachable: 'refuse'`) or fail one by one with
   * `not_found` (`'fail'`, for a job's rows).
   */
  async enrollMany(
    actor: Actor,
    accountIds: readonly string[],
    target: EnrollmentTarget,
    options: EnrollOptions & { unreachable?: 'refuse' | 'fail'; trx?: Executor },
  ): Promise<EnrollmentOutcome> {
    const force = options.force ?? false;
    const reason = options.reason ?? null;
    const results = await inTransaction(options.trx ?? this.db, async (trx) => {
      const resolved = await this.checkTarget(trx, actor, target, { force, reason });
      const { reachable, failed } = await this.reachableAccounts(trx, actor, accountIds, options.unreachable ?? 'fail');
      const placed =
        resolved.kind === 'section'
          ? await this.seats.place(trx, actor, resolved.section, reachable, { force, reason })
          : await this.paths.enroll(trx, actor, resolved.path, reachable, { force, reason });
      const byId = new Map([...placed, ...failed].map((r) => [r.accountId, r]));
      return accountIds.map((id) => byId.get(id) as EnrollmentResult);
    });
    return { results, counts: tally(results) };
  }

  /** Checks, before anything is queued, that the actor may enroll into the target with these options (a bulk action's first step). */
  async requireTarget(actor: Actor, target: EnrollmentTarget, options: EnrollOptions): Promise<void> {
    await this.checkTarget(this.db, actor, target, { force: options.force ?? false, reason: options.reason ?? null });
  }

  /** Starts a background enrollment whatever the size (bulk actions call this for large selections). */
  async enrollInBackground(actor: Actor, accountIds: readonly string[], target: EnrollmentTarget, options: EnrollOptions) {
    await this.checkTarget(this.db, actor, target, { force: options.force ?? false, reason: options.reason ?? null });
    return this.requireBulk().start(actor, [...new Set(accountIds)], target, options);
  }

  async withdraw(actor: Actor, id: string, note?: string): Promise<void> {
    await inTransaction(this.db, async (trx) => {
      const { enrollment, section } = await this.managedEnrollment(trx, actor, id);
      if (enrollment.status !== 'enrolled' && enrollment.status !== 'waitlisted') {
        throw invalidState(`Only an enrolled or waitlisted person can be withdrawn; this enrollment is ${enrollment.status}.`);
      }
      await this.seats.release(trx, actor, section, [enrollment], 'withdrawn', (ids) => this.accountMap(trx, ids), note);
    });
  }

  /**
   * Withdraws a learning-path enrollment: each of its places still enrolled or waitlisted is given up
   * (the waitlist moves up, as a withdraw does), and the path enrollment ends. Undoing an import uses it.
   * Returns how many places were given up; 404 when the caller may not manage one of them.
   */
  async withdrawPath(actor: Actor, pathEnrollmentId: string, note?: string): Promise<number> {
    return inTransaction(this.db, async (trx) => {
      const pathEnrollment = await this.repo.getPathEnrollment(trx, pathEnrollmentId);
      if (!pathEnrollment || pathEnrollment.status !== 'active') throw invalidState('This learning-path enrollment is no longer active.');
      const places = await this.repo.waitingOrEnrolledOfPathEnrollment(trx, pathEnrollmentId);
      const now = this.clock.now().toISOString();
      for (const place of places) {
        const { enrollment, section } = await this.managedEnrollment(trx, actor, place.id);
        // A place the person held before joining the path (the path adopted it) stays theirs.
        if (place.createdAt < pathEnrollment.createdAt) {
          await this.repo.update(trx, place.id, { pathEnrollmentId: null, updatedAt: now });
          continue;
        }
        await this.seats.release(trx, actor, section, [enrollment], 'withdrawn', (ids) => this.accountMap(trx, ids), note);
      }
      await this.repo.closePathEnrollment(trx, pathEnrollmentId, now);
      return places.length;
    });
  }

  /** Records a completion; it counts as the person's activity (their last activity moves to now). */
  async complete(actor: Actor, id: string): Promise<void> {
    await inTransaction(this.db, async (trx) => {
      const { enrollment, account } = await this.managedEnrollment(trx, actor, id);
      if (enrollment.status !== 'enrolled')
        throw invalidState(`Only an enrolled person can complete; this enrollment is ${enrollment.status}.`);
      const now = this.clock.now().toISOString();
      await this.repo.update(trx, id, { status: 'completed', completedAt: now, updatedAt: now });
      await this.accounts.markActivity(trx, enrollment.accountId);
      await this.audit.record(trx, actor, {
        action: 'enrollment.completed',
        targetType: 'enrollment',
        targetId: id,
        tenantId: enrollment.tenantId,
        orgPath: account.orgPath,
        before: { status: 'enrolled' },
        after: { status: 'completed', accountId: enrollment.accountId, sectionId: enrollment.sectionId },
      });
    });
  }

  /** Moves a waitlisted person one place up (they swap with the one ahead). */
  async moveUp(actor: Actor, id: string): Promise<void> {
    await inTransaction(this.db, async (trx) => {
      const { enrollment, account } = await this.managedEnrollment(trx, actor, id);
      if (enrollment.status !== 'waitlisted' || enrollment.waitlistPosition === null)
        throw invalidState('Only a waitlisted person can move up.');
      await this.repo.lockSection(trx, enrollment.sectionId);
      const ahead = await this.repo.waitlistedBefore(trx, enrollment.sectionId, enrollment.waitlistPosition);
      if (!ahead || ahead.waitlistPosition === null) throw invalidState('This person is already first on the waitlist.');
      const now = this.clock.now().toISOString();
      await this.repo.update(trx, id, { waitlistPosition: ahead.waitlistPosition, updatedAt: now });
      await this.repo.update(trx, ahead.id, { waitlistPosition: enrollment.waitlistPosition, updatedAt: now });
      await this.audit.record(trx, actor, {
        action: 'enrollment.moved_up',
        targetType: 'enrollment',
        targetId: id,
        tenantId: enrollment.tenantId,
        orgPath: account.orgPath,
        before: { waitlistPosition: enrollment.waitlistPosition },
        after: { waitlistPosition: ahead.waitlistPosition, passed: ahead.accountId },
      });
    });
  }

  /** A cancelled section: everyone in it is withdrawn and told (the catalog calls this in its transaction). */
  async withdrawAllForCancellation(trx: Executor, actor: Actor, section: SectionWithCourse): Promise<number> {
    const everyone = await this.repo.activeIn(trx, section.id);
    await this.seats.release(trx, actor, section, everyone, 'section_cancelled', (ids) => this.accountMap(trx, ids));
    return everyone.length;
  }

  /** A raised capacity: the first on the waitlist take the new places, in order, and are told. */
  async fillFreePlaces(trx: Executor, actor: Actor, section: SectionWithCourse): Promise<number> {
    const { promoted } = await this.seats.release(trx, actor, section, [], 'withdrawn', (ids) => this.accountMap(trx, ids));
    return promoted.length;
  }

  /** Archiving an account gives up its places in sections that have not started (the waitlist moves up). */
  async onArchive(trx: Executor, actor: Actor, account: AccountBrief): Promise<void> {
    const upcoming = await this.repo.upcomingOf(trx, account.id, this.clock.now().toISOString());
    const people = async () => new Map([[account.id, account]]);
    for (const enrollment of upcoming) {
      const section = await this.catalog.sectionRecord(trx, enrollment.sectionId);
      const promotedPeople = async (ids: readonly string[]) => {
        const others = ids.filter((id) => id !== account.id);
        return new Map([...(await people()), ...(await this.accountMap(trx, others))]);
      };
      await this.seats.release(trx, actor, section, [enrollment], 'archived', promotedPeople);
    }
  }

  /** What archiving the account would do now: the number of places it would give up (the archive dialog says it). */
  async archiveEffect(actor: Actor, accountId: string): Promise<{ withdrawnFromSections: number }> {
    await this.accounts.requireAccount(this.db, actor, accountId, Permissions.accountsRead);
    return { withdrawnFromSections: (await this.repo.upcomingOf(this.db, accountId, this.clock.now().toISOString())).length };
  }

  /** Every account the accounts list's filter matches for this actor (its reach applies), up to the limit. */
  private async matching(actor: Actor, filter: EnrollmentFilter): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.search.searchAccounts(actor, { ...filter, limit: 500, ...(cursor ? { cursor } : {}) });
      ids.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor ?? undefined;
      if (ids.length > maxAccountsPerEnrollment) {
        throw fieldError('filter', `The filter matches more than ${maxAccountsPerEnrollment.toLocaleString('en-US')} accounts; narrow it.`);
      }
    } while (cursor);
    if (ids.length === 0) throw fieldError('filter', 'The filter matches no account.');
    return ids;
  }

  // ---- reach ----

  private async checkTarget(db: Executor, actor: Actor, target: EnrollmentTarget, options: { force: boolean; reason: string | null }) {
    if (!actor.isGlobalAdmin && !actor.grants.some((g) => g.permissions.has(Permissions.enrollmentsManage))) {
      throw forbidden('You do not have permission to enroll people.');
    }
    const resolved =
      'sectionId' in target
        ? { kind: 'section' as const, section: await this.catalog.visibleSection(db, actor, target.sectionId) }
        : { kind: 'path' as const, path: await this.learningPaths.visiblePath(db, actor, target.learningPathId) };
    const tenantId = resolved.kind === 'section' ? resolved.section.tenantId : resolved.path.tenantId;
    if (options.force && !mayForce(actor, tenantId)) {
      throw forbidden('Only those allowed to force enrollments (at the top organization) may enroll past capacity or a closed window.');
    }
    return resolved;
  }

  private async reachableAccounts(db: Executor, actor: Actor, ids: readonly string[], unreachable: 'refuse' | 'fail') {
    const rows = new Map((await this.accounts.getBriefs(db, ids)).map((a) => [a.id, a]));
    const reachable: AccountBrief[] = [];
    const failed: EnrollmentResult[] = [];
    for (const id of ids) {
      const account = rows.get(id);
      const inTenant = account && (actor.isGlobalAdmin || account.tenantId === actor.tenantId);
      if (account && inTenant && can(actor, Permissions.enrollmentsManage, account.orgPath)) reachable.push(account);
      else if (unreachable === 'refuse') {
        if (account && inTenant && can(actor, Permissions.accountsRead, account.orgPath)) {
          throw forbidden('You do not have permission to enroll this account.');
        }
        throw notFound('The account');
      } else failed.push({ accountId: id, status: 'failed', reason: ErrorCodes.notFound, enrollmentId: null });
    }
    return { reachable, failed };
  }

  /** The enrollment, when the caller sees its section and may manage its account's enrollments (404 otherwise). */
  private async managedEnrollment(db: Executor, actor: Actor, id: string) {
    const enrollment = await this.repo.getById(db, id);
    if (!enrollment) throw notFound('The enrollment');
    const [account] = await this.accounts.getBriefs(db, [enrollment.accountId]);
    const sees = account && (actor.isGlobalAdmin || account.tenantId === actor.tenantId);
    if (!account || !sees || !this.catalog.sees(actor, enrollment.tenantId, enrollment.orgPath)) throw notFound('The enrollment');
    if (!can(actor, Permissions.enrollmentsManage, account.orgPath)) {
      if (can(actor, Permissions.accountsRead, account.orgPath)) throw forbidden('You do not have permission to change this enrollment.');
      throw notFound('The enrollment');
    }
    const section = await this.catalog.sectionRecord(db, enrollment.sectionId);
    return { enrollment: enrollment as EnrollmentRow, account, section };
  }

  private async accountMap(db: Executor, ids: readonly string[]): Promise<Map<string, AccountBrief>> {
    return new Map((await this.accounts.getBriefs(db, ids)).map((a) => [a.id, a]));
  }

  private requireBulk(): BulkEnrollment {
    if (!this.bulk) throw new Error('background enrollment is not wired');
    return this.bulk;
  }
}
