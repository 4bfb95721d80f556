import type { RequestHandler, Response, Router } from 'express';
import { Router as createRouter } from 'express';
import { setTimeout as sleep } from 'node:timers/promises';
import { calendarView, cancelEvent, createEvent, deleteEvent, getEvent, updateEvent } from './event-routes.js';
import type { FaultSpec } from './faults.js';
import type { GraphContext, GraphHandler } from './graph-call.js';
import type { IssuedTokens } from './identity-routes.js';
import { graphError, type SandboxResponse } from './responses.js';
import { getSchedule } from './schedule-route.js';
import { preferredZone } from './time-zones.js';

/** How many requests each mailbox has in flight, and the most it ever had (Outlook allows 4). */
export class MailboxConcurrency {
  private readonly current = new Map<string, number>();
  private readonly peaks = new Map<string, number>();

  enter(mailbox: string): void {
    const now = (this.current.get(mailbox) ?? 0) + 1;
    this.current.set(mailbox, now);
    this.peaks.set(mailbox, Math.max(now, this.peaks.get(mailbox) ?? 0));
  }

  leave(mailbox: string): void {
    this.current.set(mailbox, (this.current.get(mailbox) ?? 1) - 1);
  }

  peak(mailbox: string): number {
    return this.peaks.get(mailbox.toLowerCase()) ?? 0;
  }
}

const FAULT_CODES: Readonly<Record<number, [string, string]>> = {
  429: ['ApplicationThrottled', 'Application is over its MailboxConcurrency limit.'],
  503: ['ServiceUnavailable', 'The service is temporarily unavailable.'],
  504: ['GatewayTimeout', 'The gateway did not receive a timely response.'],
};

function faultResponse(fault: Extract<FaultSpec, { kind: 'status' }>, clientRequestId: string | undefined): SandboxResponse {
  const [code, message] = FAULT_CODES[fault.status] ?? ['UnknownError', 'An injected fault.'];
  const response = graphError(fault.status, code, message, clientRequestId);
  const headers: Record<string, string> = { ...response.headers };
  if (fault.retryAfterSeconds !== undefined) headers['Retry-After'] = String(fault.retryAfterSeconds);
  return { ...response, headers };
}

function write(res: Response, response: SandboxResponse): void {
  res.status(response.status).set(response.headers ?? {});
  if (response.body === undefined) {
    res.end();
    return;
  }
  res.type('application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8');
  res.send(JSON.stringify(response.body));
}

function parseBody(text: unknown): { value: unknown } | undefined {
  if (typeof text !== 'string' || text.trim() === '') return { value: undefined };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/**
 * Every Graph route runs the same gauntlet, in Graph's order: the bearer token, then throttling
 * and outages, then the work. A fault armed with `afterWork` lets the work happen and then loses
 * or holds the answer.
 */
function serve(handler: GraphHandler, context: GraphContext, tokens: IssuedTokens, concurrency: MailboxConcurrency): RequestHandler {
  return async (req, res) => {
    const clientRequestId = req.get('client-request-id');
    if (!tokens.isValid(req.get('authorization'))) {
      write(res, graphError(401, 'InvalidAuthenticationToken', 'Access token is empty or invalid.', clientRequestId));
      return;
    }
    const params = Object.fromEntries(
      Object.entries(req.params).map(([name, value]) => [name, Array.isArray(value) ? value.join('/') : value]),
    );
    const mailbox = (params.user ?? '').toLowerCase();
    concurrency.enter(mailbox);
    try {
      const fault = context.faults.take(req.path);
      if (fault?.kind === 'delay' && !fault.afterWork) await sleep(fault.ms);
      if (fault?.kind === 'status' && !fault.afterWork) {
        write(res, faultResponse(fault, clientRequestId));
        return;
      }
      const body = parseBody(req.body);
      const result = body
        ? handler(
            {
              mailbox,
              params,
              query: new URLSearchParams(req.originalUrl.split('?')[1] ?? ''),
              body: body.value,
              zone: preferredZone(req.get('prefer')),
              clientRequestId,
            },
            context,
          )
        : graphError(400, 'BadRequest', 'Unable to read JSON request payload.', clientRequestId);
      if (fault?.kind === 'delay' && fault.afterWork) await sleep(fault.ms);
      write(res, fault?.kind === 'status' ? faultResponse(fault, clientRequestId) : result);
    } finally {
      concurrency.leave(mailbox);
    }
  };
}

export function graphRoutes(context: GraphContext, tokens: IssuedTokens, concurrency: MailboxConcurrency): Router {
  const router = createRouter();
  const route = (handler: GraphHandler) => serve(handler, context, tokens, concurrency);
  router.post('/v1.0/users/:user/events', route(createEvent));
  router.get('/v1.0/users/:user/events/:eventId', route(getEvent));
  router.patch('/v1.0/users/:user/events/:eventId', route(updateEvent));
  router.delete('/v1.0/users/:user/events/:eventId', route(deleteEvent));
  router.post('/v1.0/users/:user/events/:eventId/cancel', route(cancelEvent));
  router.get('/v1.0/users/:user/calendarView', route(calendarView));
  router.get('/v1.0/users/:user/calendar/calendarView', route(calendarView));
  router.post('/v1.0/users/:user/calendar/getSchedule', route(getSchedule));
  router.use((req, res) => {
    write(res, graphError(400, 'BadRequest', `Resource not found for the segment '${req.path.split('/').pop() ?? ''}'.`, req.get('client-request-id')));
  });
  return router;
}
