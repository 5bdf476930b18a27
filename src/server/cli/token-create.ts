import { Command } from 'commander';
import type { AccountWithOrg } from '../modules/accounts/account-record.ts';
import { systemActor, type Actor } from '../platform/actor.ts';
import type { Services } from '../container.ts';
import { action, CliError, configFromEnv, withRuntime } from './run.ts';

interface TokenCreateOptions {
  email: string;
  name: string;
  tenant?: string;
  quiet?: boolean;
  scim?: boolean;
  org?: string;
}

/** `registrar token create`: an API token for an existing account, printed once. */
export function tokenCommand(): Command {
  const token = new Command('token').description('manage API tokens');
  token
    .command('create')
    .description('create an API token for an account and print it once')
    .requiredOption('--email <email>', 'email (or username) of the account the token acts as')
    .requiredOption('--name <name>', 'a name for the token, such as "nightly-sync"')
    .option('--tenant <tenantId>', 'the tenant id, when the email has accounts in several tenants')
    .option('-q, --quiet', 'print only the token (for scripts)')
    .option('--scim', 'a SCIM token for an identity provider (works on /scim/v2 only), with the account’s reach')
    .option(
      '--org <org>',
      'with --scim: the organization (id or name) where new users land; the account must be able to create accounts there',
    )
    .action(
      action(async (options: TokenCreateOptions) => {
        if (options.scim && !options.org) throw new CliError('A SCIM token needs --org: the organization where new users land.');
        if (options.org && !options.scim) throw new CliError('--org is for SCIM tokens: add --scim.');
        const config = configFromEnv();
        const created = await withRuntime(config, async ({ services }) => {
          const owner = await findOwner(services, options);
          const operator = systemActor('cli', 'operator');
          if (options.scim && options.org) {
            if (owner.status === 'archived') throw new CliError(`${owner.email} is archived: reactivate the account first.`);
            const ownerActor = (await services.auth.actorOfAccount(owner.id, 'cli'))?.actor;
            if (!ownerActor) throw new CliError(`No account ${owner.email}.`);
            const orgId = await findOrg(services, ownerActor, options.org);
            const issued = await services.scimTokens.create(operator, ownerActor, { name: options.name, orgId });
            return { ...issued, email: owner.email, landing: issued.landingOrgName };
          }
          const issued = await services.tokens.createTokenForAccount(operator, owner, options.name);
          return { ...issued, email: owner.email, landing: undefined };
        });
        if (options.quiet) {
          process.stdout.write(`${created.token}\n`);
          return;
        }
        const lines = created.landing
          ? [
              `Created the SCIM token "${created.name}" (id ${created.id}) for ${created.email}. It is shown only this once:`,
              `  ${created.token}`,
              `Give the identity provider the base URL <server>/scim/v2 and this token; it acts with that account's roles`,
              `on /scim/v2 only, and new users land in ${created.landing}.`,
            ]
          : [
              `Created the API token "${created.name}" (id ${created.id}) for ${created.email}. It is shown only this once:`,
              `  ${created.token}`,
              `Send it as the header "Authorization: Bearer <token>"; it acts with that account's roles.`,
            ];
        process.stdout.write(lines.join('\n') + '\n');
      }),
    );
  return token;
}

/** The one account the email names; several tenants may each have one, so --tenant picks among them. */
async function findOwner(services: Services, options: TokenCreateOptions): Promise<AccountWithOrg> {
  const email = options.email.trim();
  const candidates = (await services.accounts.findSignInCandidates(email)).filter((a) => !options.tenant || a.tenantId === options.tenant);
  if (candidates.length === 0) {
    throw new CliError(
      options.tenant
        ? `No account with the email or username ${email} in tenant ${options.tenant}.`
        : `No account has the email or username ${email}.`,
    );
  }
  const [only, ...others] = candidates;
  if (only && others.length === 0) return only;
  const list = candidates.map((a) => `  --tenant ${a.tenantId}   ${a.firstName} ${a.lastName}, ${a.orgName}`);
  throw new CliError(`${email} has accounts in several tenants; choose one with --tenant:\n${list.join('\n')}`);
}

/** The organization `ref` names (an id, or a name the owner sees; a name used twice must be given as an id). */
async function findOrg(services: Services, owner: Actor, ref: string): Promise<string> {
  const orgs = await services.organizations.listOrganizations(owner, owner.tenantId ? { tenantId: owner.tenantId } : {});
  const byId = orgs.find((o) => o.id === ref.trim());
  if (byId) return byId.id;
  const named = orgs.filter((o) => o.name.trim().toLowerCase() === ref.trim().toLowerCase());
  if (named.length === 1 && named[0]) return named[0].id;
  if (named.length > 1) {
    throw new CliError(`Several organizations are named ${ref}; give the id instead:\n${named.map((o) => `  --org ${o.id}`).join('\n')}`);
  }
  throw new CliError(`The account cannot see an organization named or numbered "${ref}".`);
}
