import { Readable } from 'node:stream';
import { createRoleSchema } from '../../../common/schemas/roles.ts';
import type { z } from 'zod';
import type { Organization } from '../../../common/schemas/organizations.ts';
import type { UpdateTenantSettingsInput } from '../../../common/schemas/tenant-settings.ts';
import type { Services } from '../../container.ts';
import type { Db } from '../../db/connection.ts';
import type { Actor } from '../../platform/actor.ts';
import { spoolUpload } from '../imports/import-files.ts';
import type { DemoPerson } from './demo-people.ts';

/** Someone to sign in as, printed at the end of `registrar demo`. */
export interface Persona {
  world: string;
  who: string;
  email: string;
  note: string;
}

/**
 * What every demo world is built with: each step goes through the services, as an administrator's
 * request would, and first looks for what an earlier run made, so loading twice changes nothing.
 */
export class DemoKit {
  readonly personas: Persona[] = [];

  constructor(
    private readonly db: Db,
    readonly services: Services,
    readonly actor: Actor,
    /** The password every persona signs in with. */
    readonly password: string,
    private readonly say: (line: string) => void,
    /** The same services with a clock 90 days back, for what should look old (expired invitations). */
    readonly past?: Services,
  ) {}

  log(line: string): void {
    this.say(line);
  }

  async tenant(name: string, kind: string): Promise<Organization> {
    const existing = await this.services.organizations.findRootByName(this.db, name);
    if (existing) return this.services.organizations.getOrganization(this.actor, existing.id);
    return this.services.organizations.createOrganization(this.actor, { name, kind, parentId: null });
  }

  /** Children of one organization by name, read once per parent. */
  private readonly children = new Map<string, Map<string, Organization>>();

  async org(parent: Organization, name: string, kind: string): Promise<Organization> {
    let known = this.children.get(parent.id);
    if (!known) {
      const all = await this.services.organizations.listOrganizations(this.actor, { tenantId: parent.tenantId });
      known = new Map(all.filter((o) => o.parentId === parent.id).map((o) => [o.name, o]));
      this.children.set(parent.id, known);
    }
    const found = known.get(name);
    if (found) return found;
    const made = await this.services.organizations.createOrganization(this.actor, { name, kind, parentId: parent.id });
    known.set(name, made);
    return made;
  }

  /** A person who signs in with the demo password (already chosen: no change asked at first sign-in). */
  async persona(
    world: string,
    org: Organization,
    person: DemoPerson & { role?: string; title?: string },
    note: string,
  ): Promise<{ id: string }> {
    const existing = await this.services.accounts.findByEmail(this.db, org.tenantId, person.email);
    const account =
      existing ??
      (await this.services.accounts.createAccount(
        this.actor,
        {
          orgId: org.id,
          firstName: person.firstName,
          lastName: person.lastName,
          email: person.email,
          password: this.password,
          attested: true,
          ...(person.role ? { role: person.role } : {}),
          ...(person.title ? { jobTitle: person.title } : {}),
        },
        { passwordIsFinal: true },
      ));
    this.personas.push({ world, who: `${person.firstName} ${person.lastName}`, email: person.email, note });
    return { id: account.id };
  }

  /** Someone in the world who does not sign in during the demo (no password: an activation link waits). */
  async account(org: Organization, person: DemoPerson & { role?: string; password?: string }): Promise<{ id: string }> {
    const existing = await this.services.accounts.findByEmail(this.db, org.tenantId, person.email);
    if (existing) return { id: existing.id };
    const { role, ...fields } = person;
    return this.services.accounts.createAccount(this.actor, { orgId: org.id, ...fields, attested: true, ...(role ? { role } : {}) });
  }

  async group(org: Organization, name: string): Promise<{ id: string }> {
    const groups = await this.services.groups.listGroups(this.actor, { orgId: org.id });
    return (
      groups.items.find((g) => g.orgId === org.id && g.name === name) ??
      this.services.groups.createGroup(this.actor, { orgId: org.id, name })
    );
  }

  async member(groupId: string, accountId: string): Promise<void> {
    const group = await this.services.groups.getGroup(this.actor, groupId);
    if (group.members?.some((m) => m.id === accountId)) return;
    await this.services.groups.addMember(this.actor, groupId, accountId);
  }

  /** The group that receives the people this account invites. */
  async defaultGroup(accountId: string, groupId: string): Promise<void> {
    await this.services.accounts.updateAccount(this.actor, accountId, { defaultGroupId: groupId });
  }

  /**
   * An invitation sent by `inviter` unless that email already has one; `services` may be a copy whose
   * clock stands in the past, for invitations that have expired since.
   */
  async invite(
    inviter: Actor,
    input: { email: string; orgId: string; role: string; firstName?: string; lastName?: string; groupId?: string },
    services: Services = this.services,
  ): Promise<void> {
    const tenantId = inviter.tenantId ?? this.actor.tenantId;
    if (tenantId && (await this.services.accounts.findByEmail(this.db, tenantId, input.email))) return;
    await services.invitations.sendInvitation(inviter, { ...input, attested: true });
  }

  /** A role of the tenant's catalog, as the role editor would send it (unset fields take the API's defaults). */
  async role(tenantId: string, input: Omit<z.input<typeof createRoleSchema>, 'tenantId'>): Promise<void> {
    const catalog = await this.services.roleCatalog.listCatalog(this.actor, { tenantId });
    if (catalog.items.some((r) => r.key === input.key || r.label === input.label)) return;
    await this.services.roleCatalog.createRole(this.actor, createRoleSchema.parse({ ...input, tenantId }));
  }

  async template(tenantId: string, preset: string): Promise<void> {
    const installed = await this.services.templates.listTemplates(this.actor, tenantId);
    if (installed.some((t) => t.key === preset)) return;
    await this.services.templates.createTemplate(this.actor, { preset }, tenantId);
  }

  /** The tenant's own words for a built-in response template, unless it has reworded that template already. */
  async responseTemplate(tenantId: string, key: string, text: { subject: string; body: string }): Promise<void> {
    const { items } = await this.services.responseTemplates.list(this.actor, tenantId);
    if (items.some((t) => t.key === key && t.customized)) return;
    await this.services.responseTemplates.update(this.actor, key, text, tenantId);
  }

  async settings(tenantId: string, patch: UpdateTenantSettingsInput): Promise<void> {
    await this.services.tenantSettings.updateSettings(this.actor, tenantId, patch);
  }

  /** Acting as one of the world's people (their imports and invitations carry their name). */
  async as(accountId: string): Promise<Actor> {
    const found = await this.services.auth.actorOfAccount(accountId, 'console');
    if (!found) throw new Error(`demo: no account ${accountId} to act as`);
    return found.actor;
  }

  /**
   * Uploads a file as `actor` and applies it, as the import wizard would, unless a file of that name
   * was already imported there. Needs a running job runner: planning and applying are background jobs.
   */
  async importFile(actor: Actor, orgId: string, template: string, fileName: string, content: string): Promise<void> {
    const earlier = await this.services.imports.listImports(actor, { limit: 100 });
    if (earlier.items.some((i) => i.orgId === orgId && i.fileName === fileName && i.status === 'completed')) return;
    const upload = await spoolUpload(Readable.from([Buffer.from(content, 'utf8')]));
    let id: string;
    try {
      ({ id } = await this.services.imports.startImport(actor, { orgId, template, fileName, upload }));
    } finally {
      await upload.discard();
    }
    const planned = await this.waitFor(actor, id, (s) => s !== 'queued' && s !== 'planning');
    if (planned !== 'planned') throw new Error(`demo: ${fileName} ended ${planned} while being checked`);
    await this.services.imports.commitImport(actor, id);
    const done = await this.waitFor(actor, id, (s) => s !== 'running');
    if (done !== 'completed') throw new Error(`demo: ${fileName} ended ${done} while being applied`);
    const view = await this.services.imports.getImport(actor, id);
    if (view.counts.failed > 0) throw new Error(`demo: ${view.counts.failed} rows of ${fileName} failed`);
  }

  private async waitFor(actor: Actor, id: string, until: (status: string) => boolean): Promise<string> {
    for (;;) {
      const view = await this.services.imports.getImport(actor, id);
      if (until(view.status)) return view.status;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
