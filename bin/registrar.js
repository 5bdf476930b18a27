#!/usr/bin/env node
// The `registrar` command. Runs the compiled CLI (npm ci builds it through the prepare script).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = join(root, 'dist', 'server', 'cli', 'main.js');
if (!existsSync(compiled)) {
  process.stderr.write('Registrar is not built yet: run `npm run build` (npm ci does it for you).\n');
  process.exit(1);
}
await import(compiled);
