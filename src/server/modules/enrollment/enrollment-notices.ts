import type { Executor } from '../../db/connection.ts';
import type { EmailTemplatesService } from '../email-templates/email-templates.service.ts';
import type { OutboxService } from '../notifications/outbox.service.ts';
import type { TenantSettingsService } from '../tenants/tenant-settings.service.ts';
import type { SectionWithCourse } from './catalog-record.ts';

export type NoticeKind = 'enrolled' | 'waitlisted' | 'promoted' | 'section_cancelled';

export interface NoticeTarget {
  enrollmentId: string;
  email: string;
  firstName: string;
  lastName: string;
  username: string;
  orgName: string;
  waitlistPosition?: number | null;
}

/** "March 3, 2027" from a stored instant; empty when the section has no date. */
const readableDay = (iso: string | null) =>
  iso ? new Date(iso).toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }) : 'to be announced';

/**
 * The enrollment emails, rendered from the tenant's templates into the outbox in the transaction of
 * the change: one template read and one batch of outbox rows per call, however many people.
 */
export class EnrollmentNotices {
  constructor(
    private readonly templates: EmailTemplatesService,
    private readonly outbox: OutboxService,
    private readonly settings: TenantSettingsService,
    private readonly loginUrl: string,
  ) {}

  async send(trx: Executor, kind: NoticeKind, section: SectionWithCourse, targets: readonly NoticeTarget[]): Promise<void> {
    if (targets.length === 0) return;
    const render = await this.templates.compileForOutbox(trx, section.tenantId, kind);
    const { tenantName } = await this.settings.settingsOf(trx, section.tenantId);
    const common = {
      tenantName,
      loginUrl: this.loginUrl,
      courseCode: section.courseCode,
      courseTitle: section.courseTitle,
      sectionCode: section.code,
      startsOn: readableDay(section.startsAt),
      endsOn: readableDay(section.endsAt),
      place:
        section.online === 1 ? (section.location ? `Online (${section.location})` : 'Online') : (section.location ?? 'to be announced'),
    };
    await this.outbox.enqueueMany(
      trx,
      targets.map((t) => ({
        tenantId: section.tenantId,
        kind,
        recipient: t.email,
        ...render({
          ...common,
          firstName: t.firstName,
          lastName: t.lastName,
          email: t.email,
          username: t.username,
          orgName: t.orgName,
          waitlistPosition: t.waitlistPosition ? String(t.waitlistPosition) : '',
        }),
        payload: { enrollmentId: t.enrollmentId, sectionId: section.id },
        dedupeKey: `${kind}:${t.enrollmentId}:${t.waitlistPosition ?? ''}`,
      })),
    );
  }
}
