import { Permissions } from '../../../../common/permissions.ts';
import type { ImportMode } from '../../../../common/schemas/imports.ts';
import { importTemplateSchema, type ImportTemplate } from '../../../../common/schemas/import-templates.ts';
import type { Db } from '../../../db/connection.ts';
import type { ImportRow, ImportRowResult, OrganizationRow } from '../../../db/schema.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Clock, IdSource } from '../../../platform/clock.ts';
import { can, isTenantAdministrator, mayGrantRole, type Actor } from '../../../platform/actor.ts';
import type { AccountsService } from '../../accounts/accounts.service.ts';
import { emailKey } from '../../accounts/account-keys.ts';
import type { CredentialsService } from '../../auth/credentials.service.ts';
import type { OrganizationsService } from '../../organizations/organizations.service.ts';
import type { RolesService } from '../../roles/roles.service.ts';
import { roleNameKey } from '../../../../common/role-names.ts';
import { materializeUpload } from '../import-files.ts';
import type { ImportsRepository } from '../imports.repository.ts';
import { FileReadError, openTable, type SourceRow } from '../reading/index.ts';
import type { TenantSettingsService } from '../../tenants/tenant-settings.service.ts';
import { beyondReachReason, type HeldRole } from '../../accounts/account-reach.ts';
import type { RefusedFileNotice, Uploader } from '../refused-file-notice.ts';
import { decideRow, type PlanContext } from './decide-row.ts';
import { ClaimedEmails } from './claimed-emails.ts';
import { checkHeader, isHeaderProblem, type HeaderMapping } from './header-check.ts';
import { readRowValues, type RowValues } from './row-values.ts';
import { yieldToEventLoop } from '../../../platform/event-loop.ts';
import type { ImportKindRows } from '../enrollment-rows/enrollment-rows.service.ts';
import type { JobProgress } from '../job-progress.ts';

export const planBatchSize = 1000;

export type { JobProgress } from '../job-progress.ts';

/**
 * Reads the stored file and decides, row by row, what the import would do — writing nothing but the
 * plan. Re-running it (after a crash) starts over, so it needs no checkpoint.
 */
export class PlanService {
  private enrollmentRows: ImportKindRows | undefined;

  constructor(
    private readonly db: Db,
    private readonly repo: ImportsRepository,
    private readonly orgs: OrganizationsService,
    private readonly roles: RolesService,
    private readonly accounts: AccountsService,
    private readonly credentials: CredentialsService,
    private readonly settings: TenantSettingsService,
    private readonly clock: Clock,
    private readonly ids: IdSource,
    private readonly refusals: RefusedFileNotice,
    /** Rows per batch: larger in a worker thread, where no request waits between batches. */
    private readonly batchSize = planBatchSize,
  ) {}

  /** The rows of an `enrollments` template are planned there (set once the container built it). */
  useEnrollmentRows(rows: ImportKindRows): void {
    this.enrollmentRows = rows;
  }

  /** `uploader`, when known, is emailed the import log if the whole file is refused. */
  async planImport(imp: ImportRow, actor: Actor, job: JobProgress, uploader?: Uploader): Promise<void> {
    const refuse = (code: string, message: string, details?: unknown) => this.failFile(imp, uploader, code, message, details);
    const now = this.clock.now().toISOString();
    await this.repo.update(this.db, imp.id, { status: 'planning', startedAt: imp.startedAt ?? now, rowsDone: 0, error: null }, [
      'queued',
      'planning',
    ]);
    await this.repo.deleteRows(this.db, imp.id);
    // Parsed, not cast: an import queued before a template gained a setting gets that setting's default.
    const template = importTemplateSchema.parse(JSON.parse(imp.template));
    const file = await materializeUpload(this.db, this.repo, imp.id);
    try {
      let table;
      try {
        table = await openTable(file.path, { fileName: imp.fileName });
      } catch (error) {
        if (error instanceof FileReadError) return await refuse(error.code, error.message, error.details);
        throw error;
      }
      const mapping = checkHeader(template, table.header.cells);
      if (isHeaderProblem(mapping)) {
        await table.close();
        return await refuse(mapping.code, mapping.message, mapping);
      }
      if (!table.hasRows) {
        await table.close();
        return await refuse('no_rows', 'The file has a header line but no rows to import.');
      }
      // Said before any row is stored: a file without a Password column leaves no password to forget later.
      if (!mapping.fields.includes('password')) await this.repo.update(this.db, imp.id, { holdsPasswords: 0 });

      const ctx = await this.loadContext(imp, actor);
      // Row messages name the columns as the file's header writes them, not the fields behind them.
      ctx.columnNames = new Map(
        mapping.fields.flatMap((field, i) => (field ? [[field, table.header.cells[i]?.trim() || field] as const] : [])),
      );
      const today = this.clock.now().toISOString().slice(0, 10);
      const kindRows = template.kind === 'enrollments' ? this.enrollmentRows?.planner(imp, actor, template, mapping, today) : undefined;
      if (template.kind === 'enrollments' && !kindRows) throw new Error('enrollments imports are not wired');
      // Counted as planned, so the counts need no second read of every stored row.
      const byPlanned: Record<string, number> = {};
      const claimed = new ClaimedEmails(imp.fileSize / bytesPerRowAtLeast);
      const planBatch = async (rows: SourceRow[]) => {
        const results = kindRows ? await kindRows(rows) : await this.planBatch(imp, template, mapping, ctx, claimed, rows, today);
        await inTransaction(this.db, (trx) => this.repo.insertRows(trx, results));
        for (const row of results) byPlanned[row.planned] = (byPlanned[row.planned] ?? 0) + 1;
        return rows.length;
      };
      let batch: SourceRow[] = [];
      let total = 0;
      try {
        for await (const row of table.rows) {
          batch.push(row);
          if (batch.length === this.batchSize) {
            total += await planBatch(batch);
            batch = [];
            await job.reportProgress({ phase: 'planning', rows: total });
            if (job.signal.aborted) return;
            await yieldToEventLoop();
          }
        }
      } catch (error) {
        // A damaged record found partway (an unclosed quote, a broken workbook) fails the file as a whole.
        if (error instanceof FileReadError) return await refuse(error.code, error.message, error.details);
        throw error;
      }
      if (batch.length) total += await planBatch(batch);
      if (total === 0) return await refuse('no_rows', 'The file has a header line but no rows to import.');
      const counts = countsFrom(byPlanned, total);
      // The encoding can be settled late (Windows-1252 found past the sample), so record it after reading.
      await this.repo.update(this.db, imp.id, {
        status: 'planned',
        counts: JSON.stringify(counts),
        plannedAt: this.clock.now().toISOString(),
        rowsDone: total,
        format: JSON.stringify(table.info),
        ignoredColumns: mapping.ignored.length ? JSON.stringify(mapping.ignored) : null,
      });
    } finally {
      await file.discard();
    }
  }

  /** Refuses the whole file; the refusal and the uploader's import log land in one transaction. */
  private async failFile(imp: ImportRow, uploader: Uploader | undefined, code: string, message: string, details?: unknown): Promise<void> {
    const finishedAt = this.clock.now().toISOString();
    await inTransaction(this.db, async (trx) => {
      await this.repo.update(trx, imp.id, { status: 'failed', error: JSON.stringify({ code, message, details }), finishedAt });
      await this.repo.forgetPasswords(trx, imp.id);
      if (uploader) await this.refusals.send(trx, imp, uploader, message, finishedAt);
    });
  }

  private async loadContext(imp: ImportRow, actor: Actor): Promise<PlanContext> {
    const importOrg = (await this.orgs.getManyByIds(this.db, [imp.orgId]))[0] as OrganizationRow;
    const tenantOrgs = await this.orgs.listAllInTenant(this.db, imp.tenantId);
    const orgsByName = new Map<string, OrganizationRow[]>();
    for (const org of tenantOrgs) {
      if (!org.path.startsWith(importOrg.path) || !can(actor, Permissions.accountsWrite, org.path)) continue;
      const key = org.name.toLowerCase();
      orgsByName.set(key, [...(orgsByName.get(key) ?? []), org]);
    }
    const roles = await this.roles.listRoles(this.db, imp.tenantId);
    const rolesByName = new Map<string, (typeof roles)[number]>();
    // Labels first, keys last: a key wins when some label reads the same as another role's key.
    for (const role of roles) rolesByName.set(roleNameKey(role.label), role);
    for (const role of roles) rolesByName.set(roleNameKey(role.key), role);
    const orgsById = new Map(tenantOrgs.map((o) => [o.id, o]));
    const rolesById = new Map(roles.map((r) => [r.id, r]));
    /**
     * The roles behind "roleId:orgId" keys, with what a reach check names. A place outside the tenant's
     * organizations (there is none) would read as outside every reach: refused, never let through.
     */
    const heldRoles = (held: ReadonlySet<string>): HeldRole[] =>
      [...held]
        .map((key) => {
          const [roleId = '', orgId = ''] = key.split(':');
          const org = orgsById.get(orgId);
          return {
            roleLabel: rolesById.get(roleId)?.label ?? 'a role',
            orgName: org?.name ?? 'another organization',
            orgPath: org?.path ?? '',
          };
        })
        // In the order of their places, as the account's roles are listed: a refusal names the first outside.
        .sort((a, b) => (a.orgPath < b.orgPath ? -1 : a.orgPath > b.orgPath ? 1 : 0));
    const roleHolders = await this.roles.holderCounts(this.db, imp.tenantId);
    const { onboarding, passwordMinLength } = await this.settings.settingsOf(this.db, imp.tenantId);
    return {
      mode: imp.mode as ImportMode,
      importOrg,
      orgsByName,
      tenantOrgNames: new Set(tenantOrgs.map((o) => o.name.toLowerCase())),
      rolesByName,
      mayGrant: (roleKey, orgPath) => mayGrantRole(actor, roleKey, orgPath),
      mayChangeUsernames: isTenantAdministrator(actor, imp.tenantId),
      beyondReach: (account, held, outcome) =>
        beyondReachReason(
          actor,
          outcome === 'archived' || outcome === 'reactivated' ? Permissions.accountsLifecycle : Permissions.accountsWrite,
          account,
          heldRoles(held),
        ),
      temporaryPasswordProblems: (password, identity) => this.credentials.temporaryPasswordProblems(password, identity, passwordMinLength),
      passwordRequired: onboarding === 'temporary_password',
      roleHolders,
      countRoleHolders: (roleId, orgId) => roleHolders.get(`${roleId}:${orgId}`) ?? 0,
    };
  }

  /**
   * Plans one batch: one lookup of the existing accounts and their roles, and of earlier lines only for
   * the emails an earlier batch may have claimed (see ClaimedEmails). The caller stores the rows.
   */
  private async planBatch(
    imp: ImportRow,
    template: ImportTemplate,
    mapping: HeaderMapping,
    ctx: PlanContext,
    claimed: ClaimedEmails,
    rows: SourceRow[],
    today: string,
  ): Promise<ImportRowResult[]> {
    const parsed = rows.map((row) => ({ row, result: readRowValues(template, mapping, row.cells, today) }));
    const roleColumn = mapping.fields.indexOf('role');
    const emailColumn = mapping.fields.indexOf('email');
    const keys: string[] = [];
    for (const { result } of parsed) if ('values' in result && result.values.email) keys.push(emailKey(result.values.email));
    const maybeEarlier = keys.filter((key) => claimed.mayHave(key));
    const [existing, earlier] = await Promise.all([
      this.accounts.toCompareByEmails(this.db, imp.tenantId, keys),
      maybeEarlier.length ? this.repo.firstLinesByEmail(this.db, imp.id, maybeEarlier) : new Map<string, number>(),
    ]);
    const heldKeys = await this.roles.heldKeysOf(
      this.db,
      [...existing.values()].map((a) => a.id),
    );
    const seenInBatch = new Map<string, number>();
    const noRoles = new Set<string>();
    const results: ImportRowResult[] = parsed.map(({ row, result }) => {
      const email = 'values' in result ? (result.values.email ?? null) : row.cells[emailColumn]?.trim().slice(0, 254) || null;
      // The log's Type: the role the row names, as written (or as the template's default fills it).
      const type = (('values' in result ? result.values.role : row.cells[roleColumn]?.trim()) || null)?.slice(0, 200) ?? null;
      if ('problem' in result) return failedRow(imp.id, row.line, email, type, result.problem.reason, result.problem.message);
      const values: RowValues = result.values;
      const key = emailKey(values.email as string);
      const firstLine = earlier.get(key) ?? seenInBatch.get(key);
      if (firstLine !== undefined) {
        const message = `Email ${values.email} also appears on line ${firstLine}; only the first is imported.`;
        return failedRow(imp.id, row.line, email, type, 'duplicate_in_file', message);
      }
      seenInBatch.set(key, row.line);
      const account = existing.get(key);
      const held = account ? (heldKeys.get(account.id) ?? noRoles) : noRoles;
      const decision = decideRow(values, account, held, ctx);
      // An account whose roles reach past the uploader's is never changed by their file (see docs/SECURITY.md).
      const refusal =
        account && decision.planned !== 'failed' && decision.planned !== 'unchanged' && ctx.beyondReach(account, held, decision.planned);
      if (refusal) return failedRow(imp.id, row.line, email, type, 'out_of_scope', refusal);
      if (decision.planned === 'failed') return failedRow(imp.id, row.line, email, type, decision.reason, decision.message);
      claimed.add(key);
      // One object literal per row, never `{ ...base, … }`: spreading and then adding fields made each row a
      // slow dictionary-mode object, ~30 µs apiece (most of the plan's time), and slowed the insert that reads them.
      return {
        importId: imp.id,
        line: row.line,
        email,
        type,
        outcome: null,
        applied: 0,
        previous: null,
        emailKey: key,
        planned: decision.planned,
        reason: decision.reason,
        message: decision.message,
        // A creation gets its account's id now, so committing it writes the account and not the row again.
        accountId: decision.planned === 'created' ? this.ids.newId() : decision.accountId,
        expectedVersion: decision.expectedVersion,
        orgId: decision.orgId,
        roleId: decision.roleId,
        values: decision.planned === 'created' ? JSON.stringify(values) : null,
        // An unchanged row changes nothing: no "{}" stored a hundred thousand times over on a re-upload.
        changes: decision.changes && decision.planned !== 'unchanged' ? JSON.stringify(decision.changes) : null,
      };
    });
    return results;
  }
}

/** About the fewest bytes a row of a file takes (a compressed workbook's fewer still): sizes the ClaimedEmails filter. */
const bytesPerRowAtLeast = 32;

/** A planned row that will not be applied, shaped like every other planned row (see planBatch). */
function failedRow(
  importId: string,
  line: number,
  email: string | null,
  type: string | null,
  reason: string | null,
  message: string,
): ImportRowResult {
  return {
    importId,
    line,
    email,
    type,
    outcome: null,
    applied: 0,
    previous: null,
    emailKey: null,
    planned: 'failed',
    reason,
    message,
    accountId: null,
    expectedVersion: null,
    orgId: null,
    roleId: null,
    values: null,
    changes: null,
  };
}

export function countsFrom(byOutcome: Record<string, number>, total: number) {
  return {
    total,
    created: byOutcome.created ?? 0,
    updated: byOutcome.updated ?? 0,
    unchanged: byOutcome.unchanged ?? 0,
    archived: byOutcome.archived ?? 0,
    reactivated: byOutcome.reactivated ?? 0,
    failed: byOutcome.failed ?? 0,
    // Only an enrollments import has these; an accounts import's counts stay as the contract shows them.
    ...(byOutcome.enrolled ? { enrolled: byOutcome.enrolled } : {}),
    ...(byOutcome.waitlisted ? { waitlisted: byOutcome.waitlisted } : {}),
  };
}
