import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per app instance, so tests that start several apps do not collide. */
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({
    name: 'stackledger_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'stackledger_http_request_duration_seconds',
    help: 'HTTP request duration by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly eventsAppended = new Counter({
    name: 'stackledger_events_appended_total',
    help: 'Events appended by type',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });
  readonly revocationTransactions = new Counter({
    name: 'stackledger_revocation_transactions_total',
    help: 'revoke transactions sent by the anchoring job',
    registers: [this.registry],
  });
  readonly revocationKeysPushed = new Counter({
    name: 'stackledger_revocation_keys_pushed_total',
    help: 'Credential keys the anchoring job pushed on chain (confirmed revoke transactions)',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}

export const METRICS = Symbol('METRICS');
