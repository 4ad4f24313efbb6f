import Fastify from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';

/**
 * The server under benchmark, in its own process so that the load generator does not share its
 * event loop. Beside it, in the same process, a Fastify hello-world: the baseline every figure is
 * compared with. Prints {"port", "helloPort"} once both listen.
 */
const config = loadConfig(process.env, {
  logLevel: 'silent',
  webDist: null,
  loginRateLimitPerMinute: 100_000,
  intakeRateLimitPerMinute: 10_000_000,
});
const { app } = await buildApp(config, { logger: false, prepareDatabase: false });
const hello = Fastify({ logger: false });
hello.get('/hello', async () => ({ hello: 'world' }));
await app.listen({ port: 0, host: '127.0.0.1' });
await hello.listen({ port: 0, host: '127.0.0.1' });
const port = (app.server.address() as { port: number }).port;
const helloPort = (hello.server.address() as { port: number }).port;
process.stdout.write(`${JSON.stringify({ port, helloPort })}\n`);
