import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { forbidden, unauthenticated } from './errors.ts';

/** What the scrape reads from the database, through services (platform knows no module). */
export interface MetricsSources {
  jobQueue(): Promise<Array<{ type: string; queued: number; running: number; oldestDueSeconds: number }>>;
  outboxBacklog(): Promise<Record<string, number>>;
}

/**
 * Prometheus metrics of one process. Counters (requests, import rows applied) count what this process
 * did, so Prometheus sums them across instances; the queue and outbox gauges read the shared database
 * on each scrape, so every instance reports the same values (aggregate them with max, not sum).
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly durations: Histogram<'method' | 'route' | 'status'>;
  private readonly importRows: Counter;
  private sources: MetricsSources | undefined;
  private jobsRead: ReturnType<MetricsSources['jobQueue']> | undefined;

  private processMetrics = false;

  constructor() {
    this.requests = new Counter({
      name: 'registrar_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status code',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
    this.durations = new Histogram({
      name: 'registrar_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method, route pattern and status code',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.importRows = new Counter({
      name: 'registrar_import_rows_applied_total',
      help: 'Import rows applied by this process, whatever each row’s outcome (rate() of it is import rows per second)',
      registers: [this.registry],
    });
    // The three job gauges share one read of the queue per scrape (exposition() starts each scrape afresh).
    const jobRows = () => (this.jobsRead ??= this.sources ? this.sources.jobQueue() : Promise.resolve([]));
    const sources = () => this.sources;
    new Gauge({
      name: 'registrar_jobs_queued',
      help: 'Background jobs waiting to run, by type',
      labelNames: ['type'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const row of await jobRows()) this.set({ type: row.type }, row.queued);
      },
    });
    new Gauge({
      name: 'registrar_jobs_running',
      help: 'Background jobs running now, by type',
      labelNames: ['type'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const row of await jobRows()) this.set({ type: row.type }, row.running);
      },
    });
    new Gauge({
      name: 'registrar_jobs_oldest_queued_age_seconds',
      help: 'How long the longest-waiting job that is due has waited, by type (0 while jobs of the type only run)',
      labelNames: ['type'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const row of await jobRows()) this.set({ type: row.type }, row.oldestDueSeconds);
      },
    });
    new Gauge({
      name: 'registrar_outbox_messages',
      help: 'Outgoing email by state: pending and sending are the backlog; held means no SMTP server is configured',
      labelNames: ['status'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const [status, count] of Object.entries((await sources()?.outboxBacklog()) ?? {})) this.set({ status }, count);
      },
    });
  }

  /**
   * Adds Node's own figures (memory, CPU, event-loop lag). Called once by the server process: the
   * collectors start observers that tests building many apps in one process do not want.
   */
  includeProcessMetrics(): void {
    if (this.processMetrics) return;
    this.processMetrics = true;
    collectDefaultMetrics({ register: this.registry, prefix: 'registrar_' });
  }

  /** The services the gauges read (wired in container.ts). */
  useSources(sources: MetricsSources): void {
    this.sources = sources;
  }

  /** For the import commit: rows applied in one batch. */
  readonly importRowsApplied = (count: number): void => {
    if (count > 0) this.importRows.inc(count);
  };

  /** Counts and times every request by its route pattern (never the raw URL, which would grow without bound). */
  instrument(app: FastifyInstance): void {
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      const labels = { method: request.method, route, status: String(reply.statusCode) };
      this.requests.inc(labels);
      this.durations.observe(labels, reply.elapsedTime / 1000);
    });
  }

  async exposition(): Promise<{ contentType: string; body: string }> {
    this.jobsRead = undefined;
    try {
      return { contentType: this.registry.contentType, body: await this.registry.metrics() };
    } finally {
      this.jobsRead = undefined;
    }
  }
}

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Who may read /metrics: a caller presenting `Authorization: Bearer <REGISTRAR_METRICS_TOKEN>`, or, only
 * when no token is configured, a caller on this machine whose request did not come through a proxy (a
 * proxy on the same host would otherwise make every outside request look local).
 */
export function assertMayReadMetrics(request: FastifyRequest, token: string | undefined): void {
  if (token) {
    const header = request.headers.authorization ?? '';
    const given = Buffer.from(header.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : '');
    const wanted = Buffer.from(token);
    if (given.length === wanted.length && timingSafeEqual(given, wanted)) return;
    throw unauthenticated('Present the metrics token (REGISTRAR_METRICS_TOKEN) as a bearer token to read the metrics.');
  }
  const forwarded = request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
  if (!forwarded && loopback.has(request.socket.remoteAddress ?? '')) return;
  throw forbidden(
    'The metrics are served only to this machine; set REGISTRAR_METRICS_TOKEN to let a Prometheus server elsewhere read them.',
  );
}
