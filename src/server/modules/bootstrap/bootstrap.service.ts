import type { Db } from '../../db/connection.ts';
import type { IdSource } from '../../platform/clock.ts';
import type { Account } from '../../../common/schemas/accounts.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import { systemActor } from '../../platform/actor.ts';
import { passwordProblems } from '../auth/password-policy.ts';
import type { OrganizationsService } from '../organizations/organizations.service.ts';

/** Global administrators live in their own tenant, apart from every platform they run. */
export const systemTenantName = 'Registrar';
export const generatedAdminEmail = 'admin@registrar.local';

export type BootstrapOutcome =
  | { kind: 'existing' }
  | { kind: 'created-from-env'; email: string; warnings: string[] }
  | { kind: 'generated'; email: string; password: string };

export class BootstrapService {
  constructor(
    private readonly db: Db,
    private readonly orgs: OrganizationsService,
    private readonly accounts: AccountsService,
    private readonly ids: IdSource,
  ) {}

  /**
   * With credentials from the environment, makes sure that administrator exists (and leaves it alone
   * when it does). Without them, generates one only when there is no global administrator at all.
   */
  async ensureFirstAdministrator(env: { email?: string; password?: string }): Promise<BootstrapOutcome> {
    if (env.email && env.password) {
      const email = env.email;
      const system = await this.systemOrg();
      if (await this.accounts.findByEmail(this.db, system.tenantId, email)) return { kind: 'existing' };
      await this.createGlobalAdmin({ email, password: env.password, firstName: 'System', lastName: 'Administrator', final: true });
      return { kind: 'created-from-env', email, warnings: passwordProblems(env.password, { email }) };
    }
    if ((await this.accounts.countGlobalAdmins()) > 0) return { kind: 'existing' };
    const password = this.generatePassword();
    await this.createGlobalAdmin({ email: generatedAdminEmail, password, firstName: 'System', lastName: 'Administrator', final: false });
    return { kind: 'generated', email: generatedAdminEmail, password };
  }

  /** Used by `registrar admin create`: a global administrator with a temporary password unless told otherwise. */
  async createGlobalAdmin(input: { email: string; password: string; firstName: string; lastName: string; final: boolean }) {
    const system = await this.systemOrg();
    const actor = systemActor('cli', 'bootstrap');
    return this.accounts.createAccount(
      actor,
      { orgId: system.id, email: input.email, firstName: input.firstName, lastName: input.lastName, password: input.password },
      { globalAdmin: true, passwordIsFinal: input.final, bypassPolicy: input.final },
    );
  }

  /**
   * `registrar admin create`: a global administrator made by the operator. A password the operator
   * gives must pass the password policy and is final; without one, a temporary password is generated
   * (returned once, never stored in clear) and must be changed at first sign-in.
   */
  async createAdministrator(input: {
    email: string;
    password?: string;
    firstName?: string;
    lastName?: string;
  }): Promise<{ account: Account; generatedPassword?: string }> {
    const system = await this.systemOrg();
    const generatedPassword = input.password === undefined ? this.generatePassword() : undefined;
    const account = await this.accounts.createAccount(
      systemActor('cli', 'operator'),
      {
        orgId: system.id,
        email: input.email,
        firstName: input.firstName ?? 'System',
        lastName: input.lastName ?? 'Administrator',
        password: input.password ?? generatedPassword,
      },
      { globalAdmin: true, passwordIsFinal: input.password !== undefined },
    );
    return { account, generatedPassword };
  }

  private generatePassword(): string {
    return `${this.ids.randomToken(12)}-${this.ids.randomToken(6)}`;
  }

  private async systemOrg() {
    return this.orgs.ensureSystemTenant(systemActor('system', 'bootstrap'), systemTenantName);
  }
}
