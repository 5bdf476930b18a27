import { Command } from 'commander';
import type { AccountWithOrg } from '../modules/accounts/account-record.ts';
import { systemActor } from '../platform/actor.ts';
import type { Services } from '../container.ts';
import { action, CliError, configFromEnv, withRuntime } from './run.ts';

interface TokenCreateOptions {
  email: string;
  name: string;
  tenant?: string;
  quiet?: boolean;
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
    .action(
      action(async (options: TokenCreateOptions) => {
        const config = configFromEnv();
        const created = await withRuntime(config, async ({ services }) => {
          const owner = await findOwner(services, options);
          const issued = await services.tokens.createTokenForAccount(systemActor('cli', 'operator'), owner, options.name);
          return { ...issued, email: owner.email };
        });
        if (options.quiet) {
          process.stdout.write(`${created.token}\n`);
          return;
        }
        process.stdout.write(
          [
            `Created the API token "${created.name}" (id ${created.id}) for ${created.email}. It is shown only this once:`,
            `  ${created.token}`,
            `Send it as the header "Authorization: Bearer <token>"; it acts with that account's roles.`,
          ].join('\n') + '\n',
        );
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
