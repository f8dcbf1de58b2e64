import type { FastifyInstance } from 'fastify';
import type { GatewayMetrics } from '../metrics/gateway-metrics.js';

/**
 * Prometheus scrape endpoint. Registered outside the `/v1` auth scope like the health routes:
 * scrapers rarely carry API keys, so restrict it at the network level (it reveals model names,
 * providers and spend, never prompts or keys).
 */
export function registerMetrics(app: FastifyInstance, metrics: GatewayMetrics): void {
  app.get('/metrics', async (_request, reply) => {
    const body = await metrics.render();
    return reply.header('content-type', metrics.contentType).header('cache-control', 'no-store').send(body);
  });
}
