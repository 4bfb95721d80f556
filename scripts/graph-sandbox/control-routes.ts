import type { Router } from 'express';
import { Router as createRouter } from 'express';
import { z } from 'zod';
import type { FaultControl } from './faults.js';

const faultSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('status'),
    status: z.union([z.literal(429), z.literal(503), z.literal(504)]),
    retryAfterSeconds: z.number().int().min(0).optional(),
    afterWork: z.boolean().optional(),
    times: z.number().int().min(1).default(1),
    path: z.string().optional(),
  }),
  z.object({
    kind: z.literal('delay'),
    ms: z.number().int().min(0).max(600_000),
    afterWork: z.boolean().optional(),
    times: z.number().int().min(1).default(1),
    path: z.string().optional(),
  }),
  z.object({ kind: z.literal('noJoinUrl'), times: z.number().int().min(1).default(1) }),
]);

/**
 * `/_sandbox/faults` arms the same faults as the `faults` object, for a sandbox run from the
 * CLI: POST one (path is a regular expression over the request path), GET lists, DELETE clears.
 */
export function controlRoutes(faults: FaultControl): Router {
  const router = createRouter();
  router.get('/_sandbox/faults', (_req, res) => {
    res.json({ value: faults.list() });
  });
  router.post('/_sandbox/faults', (req, res) => {
    let input: unknown;
    try {
      input = JSON.parse(typeof req.body === 'string' ? req.body : '');
    } catch {
      res.status(400).json({ error: 'body must be JSON' });
      return;
    }
    const parsed = faultSchema.safeParse(input);
    if (!parsed.success) {
      res.status(400).json({ error: z.prettifyError(parsed.error) });
      return;
    }
    const spec = parsed.data;
    if (spec.kind === 'noJoinUrl') {
      faults.omitJoinUrl(spec.times);
    } else {
      const { times, path, ...fault } = spec;
      faults.inject(fault, times, path === undefined ? undefined : new RegExp(path));
    }
    res.status(201).json({ value: faults.list() });
  });
  router.delete('/_sandbox/faults', (_req, res) => {
    faults.clear();
    res.status(204).end();
  });
  return router;
}
