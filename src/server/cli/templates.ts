import { Command } from 'commander';
import type { Services } from '../container.ts';
import { systemActor, type Actor } from '../platform/actor.ts';
import { action, CliError, configFromEnv, withRuntime } from './run.ts';

/** `registrar templates`: install the guide-shaped import templates into a tenant, or list them. */
export function templatesCommand(): Command {
  const templates = new Command('templates').description('import templates of a tenant');
  templates
    .command('add')
    .description('install a preset import template into a tenant')
    .argument('<preset>', 'the preset, by name or key: "County community partners", "County archival", "Educators, strict"')
    .requiredOption('--tenant <tenant>', 'id or exact name of the tenant (its top organization)')
    .option('--key <key>', 'install it under another key (default: the preset’s own)')
    .action(
      action(async (preset: string, options: { tenant: string; key?: string }) => {
        const installed = await withRuntime(configFromEnv(), async ({ services }) => {
          const actor = systemActor('cli', 'operator');
          const tenantId = await resolveTenant(services, actor, options.tenant);
          return services.templates.createTemplate(actor, { preset, ...(options.key ? { key: options.key } : {}) }, tenantId);
        });
        process.stdout.write(
          `Installed the import template "${installed.label}" (key ${installed.key}, ${installed.columns.length} columns, ${installed.headerMode}).\n`,
        );
      }),
    );
  templates
    .command('presets')
    .description('list the presets that can be installed')
    .action(
      action(async () => {
        const presets = await withRuntime(configFromEnv(), async ({ services }) => services.templates.listPresets());
        for (const p of presets) process.stdout.write(`${p.label} (${p.key})\n  ${p.description}\n`);
      }),
    );
  return templates;
}

async function resolveTenant(services: Services, actor: Actor, tenant: string): Promise<string> {
  const roots = (await services.organizations.listOrganizations(actor)).filter((o) => o.parentId === null);
  const byId = roots.find((o) => o.id === tenant);
  if (byId) return byId.id;
  const named = roots.filter((o) => o.name.toLowerCase() === tenant.trim().toLowerCase());
  if (named.length === 1 && named[0]) return named[0].id;
  if (named.length > 1)
    throw new CliError(`Several tenants are named "${tenant}"; pass the id instead:\n${named.map((o) => `  ${o.id}`).join('\n')}`);
  throw new CliError(`No tenant has the id or name "${tenant}".`);
}
