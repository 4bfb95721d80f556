import { z } from 'zod';
import type { SandboxCalendars } from './calendars.js';
import type { FaultControl } from './faults.js';
import { graphError, type SandboxResponse } from './responses.js';

/** One authenticated Graph request as a route sees it: the mailbox of the path and a parsed body. */
export interface GraphCall {
  readonly mailbox: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly body: unknown;
  /** The zone responses are rendered in (Prefer: outlook.timezone), UTC when not asked. */
  readonly zone: string;
  readonly clientRequestId: string | undefined;
}

export interface GraphContext {
  readonly calendars: SandboxCalendars;
  readonly faults: FaultControl;
  readonly origin: string;
}

export type GraphHandler = (call: GraphCall, context: GraphContext) => SandboxResponse;

export const dateTimeTimeZoneSchema = z.object({ dateTime: z.string(), timeZone: z.string() });

/** The body as the schema reads it, or Graph's answer to a body it cannot deserialize. */
export function readBody<T>(schema: z.ZodType<T>, call: GraphCall): { value: T } | { problem: SandboxResponse } {
  const result = schema.safeParse(call.body ?? {});
  if (result.success) return { value: result.data };
  return {
    problem: graphError(400, 'UnableToDeserializePostBody', `Were unable to deserialize ${z.prettifyError(result.error)}`, call.clientRequestId),
  };
}
