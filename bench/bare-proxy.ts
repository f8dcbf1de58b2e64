import Fastify from 'fastify';
import { Agent, request } from 'undici';
import { serveParent } from './processes.js';

/**
 * The floor any Node gateway can reach: Fastify receives the body (kept as raw bytes, not parsed),
 * undici forwards it over a keep-alive pool, status and body are piped back. No auth, no routing,
 * no logging, no validation.
 */

const upstream = process.env.UPSTREAM_URL;
if (!upstream) throw new Error('UPSTREAM_URL is required');
const target = `${upstream}/v1/chat/completions`;

const agent = new Agent({ connections: 256, keepAliveTimeout: 30_000, pipelining: 1 });
const app = Fastify({ logger: false, bodyLimit: 10 * 1024 * 1024 });
app.removeContentTypeParser('application/json');
app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

app.post('/v1/chat/completions', async (req, reply) => {
  const res = await request(target, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-upstream' },
    body: req.body as Buffer,
    dispatcher: agent,
  });
  reply.code(res.statusCode);
  const type = res.headers['content-type'];
  if (type) reply.header('content-type', type);
  const length = res.headers['content-length'];
  if (length) reply.header('content-length', length);
  return reply.send(res.body);
});

await app.listen({ host: '127.0.0.1', port: 0 });
const addr = app.server.address();
serveParent(typeof addr === 'object' && addr ? addr.port : 0, async () => {
  await app.close();
  await agent.close();
});
