import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createProbeApp } from '../../src/http/probes.js';

describe("the worker's probes", () => {
  let server: Server | undefined;
  const start = async (ready: () => Promise<boolean>) => {
    server = createProbeApp(ready).listen(0, '127.0.0.1');
    await new Promise((resolve) => server!.once('listening', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  afterEach(() => server?.close());

  it('is alive while not ready, and ready only when the check says so', async () => {
    let ready = false;
    const url = await start(async () => ready);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/readyz`)).status).toBe(503);
    ready = true;
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
  });

  it('reports a failing check as not ready, not as an error', async () => {
    const url = await start(async () => {
      throw new Error('redis is gone');
    });
    const response = await fetch(`${url}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'unavailable' });
  });
});
