import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { z } from 'zod';

/** Typed, frozen configuration read once from the environment at start. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly database: { readonly kind: 'sqlite'; readonly file: string } | { readonly kind: 'postgres'; readonly url: string };
  readonly adminEmail: string | undefined;
  readonly adminPassword: string | undefined;
  readonly sessionSecret: string;
  readonly sessionTtlHours: number;
  /** Cookies get the Secure flag when the public URL is https (behind a TLS proxy). */
  readonly publicUrl: string | undefined;
  readonly trustProxy: boolean;
  readonly logLevel: string;
  /** smtp:// or smtps:// with credentials; without it messages are held in the outbox (the Mail page). */
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  /** When set, /metrics answers only to `Authorization: Bearer <token>`; otherwise only to this machine. */
  readonly metricsToken: string | undefined;
  /** How long a running job's claim lasts without a heartbeat: after a crash, how soon another process takes it. */
  readonly jobLeaseSeconds: number;
}

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  REGISTRAR_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .trim()
    .refine((v) => v === '' || /^(postgres|postgresql|sqlite):/.test(v), {
      message: 'must start with postgres://, postgresql:// or sqlite:',
    })
    .optional(),
  REGISTRAR_ADMIN_EMAIL: z.email({ message: 'must be an email address' }).optional(),
  REGISTRAR_ADMIN_PASSWORD: z.string().min(1).optional(),
  REGISTRAR_SESSION_SECRET: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
  REGISTRAR_SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 90)
    .default(12),
  REGISTRAR_PUBLIC_URL: z.url({ message: 'must be a URL such as https://registrar.example.org' }).optional(),
  REGISTRAR_TRUST_PROXY: z.enum(['true', 'false', '1', '0']).optional(),
  SMTP_URL: z
    .string()
    .trim()
    .refine((v) => /^smtps?:\/\/[^/\s]+/.test(v) && URL.canParse(v), {
      message: 'must be a URL such as smtp://user:pass@mail.example.org:587 or smtps://…:465',
    })
    .optional(),
  REGISTRAR_MAIL_FROM: z
    .string()
    .trim()
    .regex(/^(.*<[^<>\s]+@[^<>\s]+>|[^<>\s]+@[^<>\s]+)$/, 'must be an address such as Registrar <no-reply@example.org>')
    .default('Registrar <no-reply@localhost>'),
  REGISTRAR_METRICS_TOKEN: z.string().trim().min(16, { message: 'must be at least 16 characters' }).optional(),
  REGISTRAR_JOB_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export class ConfigError extends Error {}

/** Reads and validates the environment; throws a ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (Boolean(e.REGISTRAR_ADMIN_EMAIL) !== Boolean(e.REGISTRAR_ADMIN_PASSWORD)) {
    throw new ConfigError('Invalid configuration:\n  REGISTRAR_ADMIN_EMAIL and REGISTRAR_ADMIN_PASSWORD must be set together');
  }
  const dataDir = resolve(e.REGISTRAR_DATA_DIR);
  const url = e.DATABASE_URL ?? '';
  const database: Config['database'] = url.startsWith('postgres')
    ? { kind: 'postgres', url }
    : { kind: 'sqlite', file: url.startsWith('sqlite:') ? resolve(url.slice('sqlite:'.length)) : join(dataDir, 'registrar.db') };
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database,
    adminEmail: e.REGISTRAR_ADMIN_EMAIL,
    adminPassword: e.REGISTRAR_ADMIN_PASSWORD,
    sessionSecret: e.REGISTRAR_SESSION_SECRET ?? readOrCreateSecret(dataDir),
    sessionTtlHours: e.REGISTRAR_SESSION_TTL_HOURS,
    publicUrl: e.REGISTRAR_PUBLIC_URL,
    trustProxy: e.REGISTRAR_TRUST_PROXY === 'true' || e.REGISTRAR_TRUST_PROXY === '1',
    logLevel: e.LOG_LEVEL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.REGISTRAR_MAIL_FROM,
    metricsToken: e.REGISTRAR_METRICS_TOKEN,
    jobLeaseSeconds: e.REGISTRAR_JOB_LEASE_SECONDS,
  });
}

/** The secret survives restarts so that signed cookies stay valid; it is made once per data directory. */
function readOrCreateSecret(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
