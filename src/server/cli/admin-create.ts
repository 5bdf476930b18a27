import { Command } from 'commander';
import type { z } from 'zod';
import { emailSchema, personNameSchema } from '../../common/schemas/accounts.ts';
import { action, CliError, configFromEnv, withRuntime } from './run.ts';

interface AdminCreateOptions {
  email: string;
  password?: string;
  passwordStdin?: boolean;
  firstName?: string;
  lastName?: string;
}

/** `registrar admin create`: a global administrator, with a chosen or a generated (temporary) password. */
export function adminCommand(): Command {
  const admin = new Command('admin').description('manage global administrators');
  admin
    .command('create')
    .description('create a global administrator (generates a temporary password unless one is given)')
    .requiredOption('--email <email>', 'email address, also the username for signing in')
    .option('--password <password>', 'the password to use (must meet the password policy); omit to generate a temporary one')
    .option('--password-stdin', 'read the password from standard input (keeps it out of the process list and shell history)')
    .option('--first-name <name>', 'first name', 'System')
    .option('--last-name <name>', 'last name', 'Administrator')
    .action(
      action(async (options: AdminCreateOptions) => {
        const input = {
          email: check(emailSchema, options.email, '--email'),
          firstName: check(personNameSchema, options.firstName, '--first-name'),
          lastName: check(personNameSchema, options.lastName, '--last-name'),
          password: await chosenPassword(options),
        };
        const config = configFromEnv();
        const { account, generatedPassword } = await withRuntime(config, (runtime) =>
          runtime.services.bootstrap.createAdministrator(input),
        );
        const out = [`Created the global administrator ${account.email} (${account.firstName} ${account.lastName}).`];
        if (generatedPassword !== undefined) {
          out.push('Temporary password, shown only this once; it must be changed at first sign-in:', `  ${generatedPassword}`);
        }
        process.stdout.write(`${out.join('\n')}\n`);
      }),
    );
  return admin;
}

async function chosenPassword(options: AdminCreateOptions): Promise<string | undefined> {
  if (options.password !== undefined && options.passwordStdin)
    throw new CliError('Give the password with --password or --password-stdin, not both.');
  const password = options.passwordStdin ? await readStdin() : options.password;
  if (password !== undefined && password.length === 0) throw new CliError('The password is empty; omit it to have one generated.');
  return password;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // Only the line ending `echo` or a here-document adds is dropped; other whitespace is part of the password.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

function check<T extends z.ZodType>(schema: T, value: unknown, option: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new CliError(`${option}: ${parsed.error.issues.map((i) => i.message).join(' ')}`);
  return parsed.data;
}
