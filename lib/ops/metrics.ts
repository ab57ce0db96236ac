import type { Pool } from "pg";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

// The numbers GET /api/metrics gives Prometheus (docs/deploy.md, "Metrics"). One registry per
// process, on globalThis: Next loads this module once per bundle, and a second registration of
// a metric's name would throw.

const prefix = "portfolio_";
const statusLabels = ["method", "route", "status"] as const;

function createMetrics() {
  const registry = new Registry();
  let pool: Pool | undefined;
  const metrics = {
    registry,
    httpRequests: new Counter({
      name: `${prefix}http_requests_total`,
      help: "HTTP requests answered, by method, route pattern and status",
      labelNames: statusLabels,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: `${prefix}http_request_duration_seconds`,
      help: "Time from a request's arrival to its last byte sent, by method, route pattern and status",
      labelNames: statusLabels,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120],
      registers: [registry],
    }),
    uploadBytes: new Counter({
      name: `${prefix}upload_bytes_total`,
      help: "Bytes of evidence files received and kept",
      registers: [registry],
    }),
    uploadDuration: new Histogram({
      name: `${prefix}upload_duration_seconds`,
      help: "Time to receive an evidence upload, by outcome (stored, refused, failed)",
      labelNames: ["outcome"] as const,
      buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600],
      registers: [registry],
    }),
    auditAppends: new Counter({
      name: `${prefix}audit_events_appended_total`,
      help: "Audit events written (inside their change's transaction; one rolled back is counted too)",
      registers: [registry],
    }),
    /** Watches the PostgreSQL connection pool (there is none with SQLite: the gauge stays empty). */
    observePool(next: Pool) {
      pool = next;
    },
    defaultMetricsOn: false,
  };
  new Gauge({
    name: `${prefix}db_pool_connections`,
    help: "PostgreSQL pool connections of this process: total open, idle, and requests waiting for one (absent on SQLite)",
    labelNames: ["state"] as const,
    registers: [registry],
    collect() {
      this.reset();
      if (!pool) return;
      this.set({ state: "total" }, pool.totalCount);
      this.set({ state: "idle" }, pool.idleCount);
      this.set({ state: "waiting" }, pool.waitingCount);
    },
  });
  return metrics;
}

type Metrics = ReturnType<typeof createMetrics>;
const key = Symbol.for("competence-portfolio.metrics");
const holder = globalThis as { [key]?: Metrics };

export const metrics: Metrics = (holder[key] ??= createMetrics());

/** Records one answered request; `route` is its pattern, never the raw path. */
export function recordHttpRequest(request: { method: string; route: string; status: number; seconds: number }) {
  const labels = { method: request.method, route: request.route, status: String(request.status) };
  metrics.httpRequests.inc(labels);
  metrics.httpDuration.observe(labels, request.seconds);
}

export function recordUpload(outcome: "stored" | "refused" | "failed", seconds: number, storedBytes = 0) {
  metrics.uploadDuration.observe({ outcome }, seconds);
  if (storedBytes > 0) metrics.uploadBytes.inc(storedBytes);
}

export function recordAuditAppends(count = 1) {
  metrics.auditAppends.inc(count);
}

/** For lib/db.ts: the app's PostgreSQL pool, reported as portfolio_db_pool_connections. */
export function observeDatabasePool(pool: Pool) {
  metrics.observePool(pool);
}

/** Node's process metrics (CPU, memory, event-loop delay, GC), under their usual names; once per process. */
export function enableProcessMetrics(): void {
  if (metrics.defaultMetricsOn) return;
  collectDefaultMetrics({ register: metrics.registry });
  metrics.defaultMetricsOn = true;
}

/** The Prometheus text exposition of every metric. */
export async function metricsText(): Promise<{ contentType: string; body: string }> {
  enableProcessMetrics();
  return { contentType: metrics.registry.contentType, body: await metrics.registry.metrics() };
}
