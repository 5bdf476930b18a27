import { Command } from 'commander';
import { serve } from '../main.ts';
import { action, CliError, configFromEnv } from './run.ts';

/** `registrar serve`: the same server `npm start` runs, including the first-start bootstrap. */
export function serveCommand(): Command {
  return new Command('serve')
    .description('start the HTTP server (console and API); migrates the database and creates the first administrator if needed')
    .option('-p, --port <port>', 'port to listen on (default: $PORT or 3000)')
    .action(
      action(async (options: { port?: string }) => {
        if (options.port !== undefined && !/^\d+$/.test(options.port))
          throw new CliError(`--port must be a number, not "${options.port}".`);
        await serve(configFromEnv(options.port === undefined ? {} : { PORT: options.port }));
      }),
    );
}
