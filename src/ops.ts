import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Histogram, Registry } from 'prom-client';

// Operations: Prometheus metrics and a health check on METRICS_PORT, for running one or several
// instances behind a load balancer or an orchestrator.

export interface Metrics {
  registry: Registry;
  commands: Counter<'command' | 'platform' | 'outcome'>;
  commandSeconds: Histogram<'command' | 'platform'>;
  articlesIngested: Counter<'kind'>;
  feedFailures: Counter;
  digests: Counter<'outcome'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  return {
    registry,
    commands: new Counter({
      name: 'briefbot_commands_total',
      help: 'Commands served, by command, platform and outcome',
      labelNames: ['command', 'platform', 'outcome'],
      registers: [registry],
    }),
    commandSeconds: new Histogram({
      name: 'briefbot_command_seconds',
      help: 'Time to answer a command',
      labelNames: ['command', 'platform'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    articlesIngested: new Counter({
      name: 'briefbot_articles_ingested_total',
      help: 'Articles added or updated from feeds',
      labelNames: ['kind'],
      registers: [registry],
    }),
    feedFailures: new Counter({ name: 'briefbot_feed_failures_total', help: 'Feed polls that failed', registers: [registry] }),
    digests: new Counter({
      name: 'briefbot_digests_total',
      help: 'Scheduled digest slots, by outcome (sent, empty, failed, skipped)',
      labelNames: ['outcome'],
      registers: [registry],
    }),
  };
}

export type HealthCheck = () => Promise<true | string>;

/**
 * `GET /healthz`: 200 with every check "ok", or 503 naming what is not; `GET /metrics`: the
 * Prometheus text format. Nothing else is served.
 */
export async function startOpsServer(
  port: number,
  metrics: Metrics,
  checks: Record<string, HealthCheck>,
): Promise<{ server: Server; port: number; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    void (async () => {
      if (req.method === 'GET' && req.url === '/metrics') {
        res.writeHead(200, { 'content-type': metrics.registry.contentType });
        res.end(await metrics.registry.metrics());
        return;
      }
      if (req.method === 'GET' && req.url === '/healthz') {
        const results: Record<string, string> = {};
        for (const [name, check] of Object.entries(checks)) {
          const r = await check().catch((e: unknown) => (e as Error).message);
          results[name] = r === true ? 'ok' : r;
        }
        const ok = Object.values(results).every((r) => r === 'ok');
        res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: ok ? 'ok' : 'unhealthy', checks: results }));
        return;
      }
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    })().catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, resolve));
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
