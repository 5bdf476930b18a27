import { Command } from 'commander';
import { createServices } from '../container.ts';
import { JobRunner } from '../jobs/index.ts';
import { serve } from '../main.ts';
import { DemoService } from '../modules/demo/demo.service.ts';
import { action, CliError, configFromEnv, withRuntime } from './run.ts';

const ninetyDays = 90 * 24 * 60 * 60 * 1000;

/** `registrar demo`: the three guides' worlds, loaded through the services, then (with --serve) the server. */
export function demoCommand(): Command {
  return new Command('demo')
    .description(
      'load three demo tenants shaped like the three guides (running it again adds only what is missing) and print who to sign in as',
    )
    .option('--partners <count>', 'community partners imported into the statewide world', '3000')
    .option('--serve', 'start the server (console and API) once the demo is loaded')
    .action(
      action(async (options: { partners: string; serve?: boolean }) => {
        const partners = Number(options.partners);
        if (!Number.isInteger(partners) || partners < 10 || partners > 1_000_000) {
          throw new CliError(`--partners must be a whole number from 10 to 1000000, not "${options.partners}".`);
        }
        const config = configFromEnv();
        const loaded = await withRuntime(config, async ({ services, database }) => {
          // Imports plan and apply in background jobs: this process runs them while it loads.
          const runner = new JobRunner({ db: database.db, queue: services.jobQueue, handlers: services.jobHandlers, pollIntervalMs: 50 });
          const past = createServices(database, config, { clock: { now: () => new Date(Date.now() - ninetyDays) } });
          runner.start();
          try {
            return await new DemoService(database.db, services).load({
              partners,
              past,
              log: (line) => process.stdout.write(`${line}\n`),
            });
          } finally {
            await runner.stop();
            past.mailTransport.close();
          }
        });
        process.stdout.write(`\nThe demo is loaded. Every person below signs in with the password ${loaded.password}\n`);
        let world = '';
        for (const persona of loaded.personas) {
          if (persona.world !== world) process.stdout.write(`\n${(world = persona.world)}\n`);
          process.stdout.write(`  ${persona.email.padEnd(34)} ${persona.who}: ${persona.note}\n`);
        }
        process.stdout.write('\n');
        if (options.serve) await serve(config);
      }),
    );
}
