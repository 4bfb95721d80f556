import { seedDemoBusyTimes } from './seed.js';
import { startGraphSandbox } from './server.js';

/**
 * Runs the Graph sandbox alone (`npm run graph-sandbox`), with the demo's busy times seeded,
 * for trying calendar calls by hand. Faults are armed over HTTP:
 *   curl --cacert <caFile> -X POST <origin>/_sandbox/faults -d '{"kind":"status","status":429,"retryAfterSeconds":2,"times":3}'
 */
async function main(): Promise<void> {
  const port = Number(process.env.GRAPH_SANDBOX_PORT ?? 4010);
  const sandbox = await startGraphSandbox({ port });
  seedDemoBusyTimes(sandbox, new Date(), process.env.YHTEISTYOAIKA_ANCHOR ?? '2026-01-07');
  const { tenantId, clientId, clientSecret } = sandbox.credentials;
  process.stdout.write(
    [
      `Graph sandbox listening on ${sandbox.url}`,
      `  GRAPH_BASE_URL=${sandbox.url}`,
      `  authority:     ${sandbox.tokenAuthority}`,
      `  CA file:       ${sandbox.caFile}`,
      `  tenant ${tenantId}, client ${clientId}, secret ${clientSecret}`,
      '',
    ].join('\n'),
  );
  const stop = () => void sandbox.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
