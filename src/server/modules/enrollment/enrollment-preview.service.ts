import type { Executor } from '../../db/connection.ts';
import type { LearningPathRow } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { SectionWithCourse } from './catalog-record.ts';
import type { CatalogRepository } from './catalog.repository.ts';
import type { CatalogService } from './catalog.service.ts';
import { codeKeyOf } from './catalog-view.ts';
import type { EnrollmentsRepository } from './enrollments.repository.ts';
import { place, type Placement } from './placement.ts';

/**
 * What enrolling would do, without doing it: the preview of an enrollments import. It applies the
 * same placement rules as enrolling (placement.ts) to the data as it is now, writing nothing; the
 * commit then enrolls through EnrollmentsService, so a section that filled meanwhile waitlists.
 */
export class EnrollmentPreviewService {
  constructor(
    private readonly repo: EnrollmentsRepository,
    private readonly catalogRepo: CatalogRepository,
    private readonly catalog: CatalogService,
    private readonly clock: Clock,
  ) {}

  /** The section with this code, when the actor sees it; undefined otherwise (as a 404 would be). */
  async visibleSectionByCode(db: Executor, actor: Actor, tenantId: string, code: string): Promise<SectionWithCourse | undefined> {
    const section = await this.catalogRepo.sectionByCode(db, tenantId, codeKeyOf(code));
    return section && this.catalog.sees(actor, section.tenantId, section.orgPath) ? section : undefined;
  }

  async visiblePathByCode(db: Executor, actor: Actor, tenantId: string, code: string): Promise<LearningPathRow | undefined> {
    const path = await this.catalogRepo.pathByCode(db, tenantId, codeKeyOf(code));
    return path && this.catalog.sees(actor, path.tenantId, path.orgPath) ? path : undefined;
  }

  /**
   * Where these accounts would land in the section, in this order, if they were enrolled now after
   * `alsoTaken` places that earlier rows of the same preview would take.
   */
  async wouldPlace(
    db: Executor,
    section: SectionWithCourse,
    accounts: ReadonlyArray<{ id: string; status: string; orgPath: string }>,
    options: { force: boolean; alsoTaken: number },
  ): Promise<Placement[]> {
    const existing = new Map(
      (
        await this.repo.liveIn(
          db,
          section.id,
          accounts.map((a) => a.id),
        )
      ).map((e) => [e.accountId, e]),
    );
    const taken = (await this.repo.countTaken(db, section.id)) + options.alsoTaken;
    return place({ section, now: this.clock.now().toISOString(), taken, force: options.force, accounts, existing });
  }

  /** Of these accounts, those already following the learning path. */
  async followingPath(db: Executor, pathId: string, accountIds: readonly string[]): Promise<Set<string>> {
    const rows = await this.repo.pathEnrollmentsOf(db, pathId, accountIds);
    return new Set(rows.filter((r) => r.status === 'active').map((r) => r.accountId));
  }
}
