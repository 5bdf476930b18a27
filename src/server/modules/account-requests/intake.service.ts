import type {
  PublicRequestForm,
  PublicRequestInput,
  PublicRequestView,
  RequestFormSettings,
} from '../../../common/schemas/account-requests.ts';
import type { Db, Executor } from '../../db/connection.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { inTransaction } from '../../db/transaction.ts';
import { systemActor } from '../../platform/actor.ts';
import type { Clock, IdSource } from '../../platform/clock.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { sha256 } from '../../platform/hashing.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { ThrottlePolicy, ThrottleService } from '../auth/throttle.service.ts';
import type { PasswordResetService } from '../onboarding/password-reset.service.ts';
import type { OrganizationsService } from '../organizations/organizations.service.ts';
import type { AccountRequestsRepository, RequestRow } from './account-requests.repository.ts';
import type { RequestFormsService } from './request-forms.service.ts';
import type { RequesterMailService } from './requester-mail.service.ts';
import { searchTextOf } from './request-view.ts';

/** One address may send 5 requests an hour, then waits an hour. */
export const perClientRequests: ThrottlePolicy = { free: 5, delaysSeconds: [3600], streakSeconds: 3600 };
/** One email address may be named in 3 requests a day: nobody's inbox becomes a target. */
export const perEmailRequests: ThrottlePolicy = { free: 3, delaysSeconds: [86_400], streakSeconds: 86_400 };
/** Answers through private links: 20 per address in 15 minutes. */
const perClientAnswers: ThrottlePolicy = { free: 20, delaysSeconds: [900], streakSeconds: 900 };

export const requestReceivedMessage =
  'Thank you. If we need to, we will write to the address you gave; look for our email, which carries your reference number.';

/**
 * The public side of account requests: the form a tenant shares, the request itself, and the private
 * link the person follows. Nothing here tells a visitor whether an email has an account.
 */
export class IntakeService {
  constructor(
    private readonly db: Db,
    private readonly repo: AccountRequestsRepository,
    private readonly forms: RequestFormsService,
    private readonly orgs: OrganizationsService,
    private readonly accounts: AccountsService,
    private readonly passwordReset: PasswordResetService,
    private readonly throttle: ThrottleService,
    private readonly mail: RequesterMailService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  async publicForm(tenantOrSlug: string): Promise<PublicRequestForm> {
    const form = await this.forms.resolvePublic(this.db, tenantOrSlug);
    const organizations =
      form.settings.fields.organization !== 'off' && form.settings.listOrganizations
        ? (await this.orgs.listAllInTenant(this.db, form.tenantId))
            .filter((o) => o.parentId !== null)
            .map((o) => ({ id: o.id, name: o.name }))
            .sort((a, b) => a.name.localeCompare(b.name))
        : null;
    return {
      tenantId: form.tenantId,
      tenantName: form.tenantName,
      introduction: form.settings.introduction,
      fields: form.settings.fields,
      organizations,
    };
  }

  /**
   * Stores the request and confirms it by email, or, when the email already has an account here, sends
   * that address a way in instead. The caller answers the same in every case (a filled honeypot too).
   */
  async submit(input: PublicRequestInput, clientIp: string): Promise<void> {
    await this.throttle.takeOrThrow(`request-client:${clientIp}`, perClientRequests, 'account requests from this address');
    // A robot filled the field people never see: it is told what a person is told, and nothing is kept.
    if (input.website && input.website.trim() !== '') return;
    const form = await this.forms.resolvePublic(this.db, input.tenant);
    const fields = this.checkFields(form.settings, input);
    const place = await this.placeOf(form.tenantId, fields.orgId);
    await this.throttle.takeOrThrow(
      `request-email:${input.email.trim().toLowerCase()}`,
      perEmailRequests,
      'account requests for this email',
    );

    const existing = await this.accounts.findByEmail(this.db, form.tenantId, input.email);
    if (existing && (existing.status === 'active' || existing.status === 'invited')) {
      await this.sendWayIn(existing.username, clientIp);
      return;
    }
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.store(form.tenantId, form.tenantName, input, fields, place, clientIp);
        return;
      } catch (error) {
        // Two requests took the same number at once; the loser takes the next one.
        if (!isUniqueViolation(error) || attempt >= 4) throw error;
      }
    }
  }

  async view(token: string): Promise<PublicRequestView> {
    const request = await this.byToken(this.db, token);
    const messages = (await this.repo.messagesOf(this.db, request.id)).filter((m) => m.kind === 'requester' || m.kind === 'reply');
    const form = await this.forms.formOf(this.db, request.tenantId);
    return {
      number: Number(request.number),
      status: request.status as PublicRequestView['status'],
      tenantName: form.tenantName,
      firstName: request.firstName,
      createdAt: request.createdAt,
      messages: messages.map((m) => ({
        kind: m.kind as 'requester' | 'reply',
        authorLabel: m.kind === 'requester' ? 'You' : m.authorLabel,
        body: m.body,
        createdAt: m.createdAt,
      })),
    };
  }

  /** The person's answer joins the thread; a request waiting for them (or already resolved) is open again. */
  async answer(token: string, body: string, clientIp: string): Promise<PublicRequestView> {
    await this.throttle.takeOrThrow(`request-answer:${clientIp}`, perClientAnswers, 'answers from this address');
    await inTransaction(this.db, async (trx) => {
      const request = await this.byToken(trx, token);
      const now = this.clock.now().toISOString();
      await this.repo.insertMessage(trx, {
        id: this.ids.newId(),
        requestId: request.id,
        kind: 'requester',
        authorId: null,
        authorLabel: `${request.firstName} ${request.lastName}`,
        subject: null,
        body,
        templateKey: null,
        createdAt: now,
      });
      const reopened = request.status !== 'open';
      await this.repo.update(trx, request.id, { status: 'open', resolvedAt: null, resolutionSeconds: null, updatedAt: now });
      await this.audit.record(trx, systemActor('api', `${request.email} (private link)`), {
        action: 'account_request.answered',
        targetType: 'account_request',
        targetId: request.id,
        tenantId: request.tenantId,
        orgPath: request.orgPath,
        before: { status: request.status },
        after: { status: 'open', reopened },
      });
    });
    return this.view(token);
  }

  private async byToken(db: Executor, token: string): Promise<RequestRow> {
    const link = await this.repo.findLink(db, sha256(token));
    if (!link || link.expiresAt <= this.clock.now().toISOString()) throw notFound('This link');
    const request = await this.repo.getById(db, link.requestId);
    if (!request) throw notFound('This link');
    return request;
  }

  /** Required fields the tenant asks for; fields it switched off are dropped. */
  private checkFields(settings: RequestFormSettings, input: PublicRequestInput) {
    const f = settings.fields;
    const keep = (mode: string, value: string | undefined) => (mode === 'off' || !value ? null : value);
    const chosen = {
      // An id comes from the list, or from a link a programme shares with its organization already chosen.
      orgId: f.organization === 'off' ? null : input.orgId || null,
      organization: keep(f.organization, input.organization),
      roleWanted: keep(f.roleWanted, input.roleWanted),
      programme: keep(f.programme, input.programme),
      message: keep(f.message, input.message),
    };
    if (f.organization === 'required' && !chosen.orgId && !chosen.organization) {
      throw fieldError(settings.listOrganizations ? 'orgId' : 'organization', 'Tell us your organization.');
    }
    if (f.roleWanted === 'required' && !chosen.roleWanted) throw fieldError('roleWanted', 'Tell us the role you need.');
    if (f.programme === 'required' && !chosen.programme) throw fieldError('programme', 'Tell us your programme.');
    if (f.message === 'required' && !chosen.message) throw fieldError('message', 'Tell us why you need an account.');
    return chosen;
  }

  private async placeOf(tenantId: string, orgId: string | null) {
    if (!orgId) return { orgId: null, orgPath: `/${tenantId}/` };
    const [org] = await this.orgs.getManyByIds(this.db, [orgId]);
    if (!org || org.tenantId !== tenantId) throw fieldError('orgId', 'Choose your organization from the list.');
    return { orgId: org.id, orgPath: org.path };
  }

  private async store(
    tenantId: string,
    tenantName: string,
    input: PublicRequestInput,
    fields: ReturnType<IntakeService['checkFields']>,
    place: { orgId: string | null; orgPath: string },
    clientIp: string,
  ): Promise<void> {
    await inTransaction(this.db, async (trx) => {
      const now = this.clock.now().toISOString();
      const row: RequestRow = {
        id: this.ids.newId(),
        tenantId,
        number: await this.repo.nextNumber(trx, tenantId),
        orgId: place.orgId,
        orgPath: place.orgPath,
        orgText: place.orgId ? null : fields.organization,
        firstName: input.firstName,
        lastName: input.lastName,
        email: input.email,
        roleWanted: fields.roleWanted,
        programme: fields.programme,
        message: fields.message,
        searchText: searchTextOf([input.firstName, input.lastName, input.email, fields.organization, fields.roleWanted, fields.programme]),
        status: 'open',
        assigneeId: null,
        redirectedToId: null,
        accountId: null,
        createdAt: now,
        updatedAt: now,
        firstAnsweredAt: null,
        resolvedAt: null,
        firstAnswerSeconds: null,
        resolutionSeconds: null,
      };
      await this.repo.insert(trx, row);
      if (fields.message) {
        await this.repo.insertMessage(trx, {
          id: this.ids.newId(),
          requestId: row.id,
          kind: 'requester',
          authorId: null,
          authorLabel: `${row.firstName} ${row.lastName}`,
          subject: null,
          body: fields.message,
          templateKey: null,
          createdAt: now,
        });
      }
      await this.mail.sendReceived(trx, row, tenantName);
      await this.audit.record(trx, systemActor('api', `public request form from ${clientIp}`), {
        action: 'account_request.created',
        targetType: 'account_request',
        targetId: row.id,
        tenantId,
        orgPath: row.orgPath,
        after: { number: row.number, email: row.email, orgId: row.orgId, organization: row.orgText, roleWanted: row.roleWanted },
      });
    });
  }

  /** The person already has an account here: a reset (or activation) link, never word of the account on screen. */
  private async sendWayIn(username: string, clientIp: string): Promise<void> {
    try {
      await this.passwordReset.requestReset(username, clientIp);
    } catch (error) {
      // The reset path has its own per-address limit; its refusal must not show here, or the answer would differ.
      if (!(error instanceof AppError)) throw error;
    }
  }
}
