import { ErrorCodes } from '../../../../common/error-codes.ts';
import { Permissions } from '../../../../common/permissions.ts';
import type { ImportTemplate } from '../../../../common/schemas/import-templates.ts';
import type { Db } from '../../../db/connection.ts';
import type { ImportRow, ImportRowResult, LearningPathRow } from '../../../db/schema.ts';
import { can, type Actor } from '../../../platform/actor.ts';
import type { AccountBatchService } from '../../accounts/account-batch.service.ts';
import { emailKey } from '../../accounts/account-keys.ts';
import type { AccountWithOrg } from '../../accounts/account-record.ts';
import { mayForce } from '../../enrollment/catalog-reach.ts';
import type { SectionWithCourse } from '../../enrollment/catalog-record.ts';
import type { EnrollmentPreviewService } from '../../enrollment/enrollment-preview.service.ts';
import type { SourceRow } from '../reading/index.ts';
import type { HeaderMapping } from '../planning/header-check.ts';
import { readRowValues, type RowValues } from '../planning/row-values.ts';
import { failureMessage, minForceReason, type EnrollmentRowValues } from './enrollment-row-words.ts';

type Decision = Pick<ImportRowResult, 'planned' | 'reason' | 'message' | 'accountId' | 'values' | 'type'>;

/** A row waiting for its section's placement, decided per section once the whole batch is read. */
interface SectionRow {
  line: number;
  account: AccountWithOrg;
  section: SectionWithCourse;
  values: EnrollmentRowValues;
}

/**
 * Plans an enrollments import, batch by batch: who each row names, where it would place them and what
 * would happen there now (would enroll / waitlist / already enrolled / failed, and why). Nothing is
 * written but the plan. The places earlier rows would take are carried from batch to batch, so a
 * section of 20 previews its 21st row as waitlisted.
 */
export class EnrollmentRowsPlanner {
  private readonly sections = new Map<string, SectionWithCourse | null>();
  private readonly paths = new Map<string, LearningPathRow | null>();
  /** Places earlier rows of this file would take, per section. */
  private readonly alsoTaken = new Map<string, number>();
  /** "account:target" → the first line naming it. */
  private readonly seen = new Map<string, number>();
  private readonly mayEnroll: boolean;
  private readonly mayForce: boolean;

  constructor(
    private readonly db: Db,
    private readonly accounts: AccountBatchService,
    private readonly preview: EnrollmentPreviewService,
    private readonly imp: ImportRow,
    private readonly actor: Actor,
    private readonly template: ImportTemplate,
    private readonly mapping: HeaderMapping,
    private readonly today: string,
  ) {
    this.mayEnroll = actor.isGlobalAdmin || actor.grants.some((g) => g.permissions.has(Permissions.enrollmentsManage));
    this.mayForce = mayForce(actor, imp.tenantId);
  }

  async planBatch(rows: SourceRow[]): Promise<ImportRowResult[]> {
    const parsed = rows.map((row) => ({ row, result: readRowValues(this.template, this.mapping, row.cells, this.today) }));
    const valuesOf = parsed.map((p) => ('values' in p.result ? p.result.values : undefined));
    const emails = valuesOf.flatMap((v) => (v?.email ? [emailKey(v.email)] : []));
    const externalIds = valuesOf.flatMap((v) => (v && !v.email && v.externalId ? [v.externalId] : []));
    const [byEmail, byExternalId] = await Promise.all([
      this.accounts.findByEmails(this.db, this.imp.tenantId, emails),
      this.accounts.findByExternalIds(this.db, this.imp.tenantId, externalIds),
    ]);
    const decisions = new Map<number, Decision>();
    const waiting: SectionRow[] = [];
    for (const { row, result } of parsed) {
      if ('problem' in result) {
        decisions.set(row.line, failed(result.problem.reason, result.problem.message, null));
        continue;
      }
      const decided = await this.decide(row.line, result.values, byEmail, byExternalId);
      if ('waiting' in decided) waiting.push(decided.waiting);
      else decisions.set(row.line, decided);
    }
    for (const [line, decision] of await this.placeInSections(waiting)) decisions.set(line, decision);
    return parsed.map(({ row, result }) => {
      const decision = decisions.get(row.line) as Decision;
      const email = 'values' in result ? (result.values.email ?? null) : null;
      return {
        importId: this.imp.id,
        line: row.line,
        email: email?.slice(0, 254) ?? null,
        emailKey: null,
        type: decision.type?.slice(0, 200) ?? null,
        planned: decision.planned,
        outcome: null,
        applied: 0,
        previous: null,
        reason: decision.reason,
        message: decision.message,
        accountId: decision.accountId,
        expectedVersion: null,
        orgId: null,
        roleId: null,
        values: decision.values,
        changes: null,
      };
    });
  }

  /** One row's decision, or the section placement it waits for. */
  private async decide(
    line: number,
    values: RowValues,
    byEmail: Map<string, AccountWithOrg>,
    byExternalId: Map<string, AccountWithOrg[]>,
  ): Promise<Decision | { waiting: SectionRow }> {
    const code = values.sectionCode ?? values.learningPathCode ?? null;
    const type = values.sectionCode ?? (values.learningPathCode ? `Path ${values.learningPathCode}` : null);
    const fail = (reason: string, message: string) => failed(reason, message, type);
    if (!values.email && !values.externalId) return fail('missing_value', 'Give the person’s Email or UserID.');
    if (!code) return fail('missing_value', 'Give a SectionCode or a LearningPathCode.');
    if (values.sectionCode && values.learningPathCode)
      return fail('invalid_value', 'Give a SectionCode or a LearningPathCode, not both: one row places a person once.');
    if (!this.mayEnroll) return fail('out_of_scope', 'You do not have permission to enroll people.');
    const force = values.force ?? false;
    const reason = values.reason ?? null;
    if (force && !this.mayForce)
      return fail('force_not_allowed', 'Force needs the enrollments.force permission at the top organization, which you do not hold.');
    if (force && (reason?.length ?? 0) < minForceReason)
      return fail('reason_too_short', `A forced enrollment needs a Reason of at least ${minForceReason} characters.`);

    const who = values.email ?? `UserID ${values.externalId}`;
    let account: AccountWithOrg | undefined;
    if (values.email) account = byEmail.get(emailKey(values.email));
    else {
      const holders = byExternalId.get(values.externalId as string) ?? [];
      if (holders.length > 1)
        return fail('invalid_value', `${holders.length} accounts have the UserID ${values.externalId}; give the Email.`);
      account = holders[0];
    }
    const reaches =
      account &&
      (this.actor.isGlobalAdmin || account.tenantId === this.actor.tenantId) &&
      can(this.actor, Permissions.enrollmentsManage, account.orgPath);
    // Someone outside the uploader's organizations reads as no one at all (as the API's 404 does).
    if (!account || !reaches) return fail('unknown_person', `No account with ${values.email ? 'email ' : ''}${who} in your organizations.`);
    if (account.status === 'archived') return fail(ErrorCodes.accountArchived, failureMessage(ErrorCodes.accountArchived, code));

    const target = values.sectionCode ? await this.section(values.sectionCode) : await this.path(values.learningPathCode as string);
    if (!target) return fail('unknown_target', `No ${values.sectionCode ? 'section' : 'learning path'} ${code} in your organizations.`);
    const key = `${account.id}:${target.id}`;
    const earlier = this.seen.get(key);
    if (earlier !== undefined)
      return fail('duplicate_in_file', `Line ${earlier} already places ${who} in ${code}; only the first is imported.`);
    this.seen.set(key, line);

    const rowValues: EnrollmentRowValues = values.sectionCode
      ? { sectionId: target.id, code: target.code, force, reason }
      : { learningPathId: target.id, code: target.code, force, reason };
    if ('courseId' in target) return { waiting: { line, account, section: target, values: rowValues } };
    const path = target;
    if ((await this.preview.followingPath(this.db, path.id, [account.id])).has(account.id))
      return { ...unchanged(`Already enrolled in the learning path ${path.code}; nothing changes.`, account.id, type) };
    if (!account.orgPath.startsWith(path.orgPath)) return fail(ErrorCodes.outOfScope, failureMessage(ErrorCodes.outOfScope, path.code));
    return {
      planned: 'enrolled',
      reason: force ? 'forced' : null,
      message: `Enrolls in the learning path ${path.code}: each course’s next open section, waitlisted where full.`,
      accountId: account.id,
      values: JSON.stringify(rowValues),
      type,
    };
  }

  /** Places the batch's section rows, per section and force, in file order, after what earlier rows took. */
  private async placeInSections(rows: SectionRow[]): Promise<Map<number, Decision>> {
    const groups = new Map<string, SectionRow[]>();
    for (const row of rows) {
      const key = `${row.section.id}:${row.values.force}`;
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    const out = new Map<number, Decision>();
    for (const group of groups.values()) {
      const section = (group[0] as SectionRow).section;
      const force = (group[0] as SectionRow).values.force;
      const placements = await this.preview.wouldPlace(
        this.db,
        section,
        group.map((r) => r.account),
        { force, alsoTaken: this.alsoTaken.get(section.id) ?? 0 },
      );
      placements.forEach((p, i) => {
        const row = group[i] as SectionRow;
        const values = JSON.stringify(row.values);
        const base = { accountId: row.account.id, type: section.code };
        if (p.outcome === 'enrolled' || p.outcome === 'promoted') {
          this.alsoTaken.set(section.id, (this.alsoTaken.get(section.id) ?? 0) + 1);
          const how = p.outcome === 'promoted' ? ', off its waitlist' : '';
          out.set(row.line, {
            ...base,
            planned: 'enrolled',
            reason: force ? 'forced' : null,
            message: `Enrolls in ${section.code}${how}${force ? ' (forced)' : ''}.`,
            values,
          });
        } else if (p.outcome === 'waitlisted') {
          out.set(row.line, {
            ...base,
            planned: 'waitlisted',
            reason: null,
            message: `Waitlisted for ${section.code}: the section is full.`,
            values,
          });
        } else if (p.reason === ErrorCodes.alreadyEnrolled) {
          out.set(row.line, unchanged(`Already enrolled or waitlisted in ${section.code}; nothing changes.`, row.account.id, section.code));
        } else out.set(row.line, failed(p.reason, failureMessage(p.reason, section.code), section.code));
      });
    }
    return out;
  }

  private async section(code: string): Promise<SectionWithCourse | null> {
    const key = code.trim().toLowerCase();
    if (!this.sections.has(key))
      this.sections.set(key, (await this.preview.visibleSectionByCode(this.db, this.actor, this.imp.tenantId, code)) ?? null);
    return this.sections.get(key) ?? null;
  }

  private async path(code: string): Promise<LearningPathRow | null> {
    const key = code.trim().toLowerCase();
    if (!this.paths.has(key))
      this.paths.set(key, (await this.preview.visiblePathByCode(this.db, this.actor, this.imp.tenantId, code)) ?? null);
    return this.paths.get(key) ?? null;
  }
}

const failed = (reason: string, message: string, type: string | null): Decision => ({
  planned: 'failed',
  reason,
  message,
  accountId: null,
  values: null,
  type,
});

const unchanged = (message: string, accountId: string, type: string | null): Decision => ({
  planned: 'unchanged',
  reason: ErrorCodes.alreadyEnrolled,
  message,
  accountId,
  values: null,
  type,
});
