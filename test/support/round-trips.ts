import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RedisClient } from '../../src/store/redis-connection.js';

/** A command as ioredis hands it to its connection; a pipeline's commands carry their place in it. */
interface SentCommand {
  readonly name: string;
  readonly args: readonly unknown[];
  readonly pipelineIndex?: number;
  readonly promise: Promise<unknown>;
}

/** A request's round trips so far; `open` while commands sent now would still travel with the last. */
interface Trips {
  readonly sent: string[][];
  open: boolean;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Counts the Redis round trips one HTTP request makes on the bot's own client, by wrapping the
 * client's `sendCommand`: commands sent together — a pipeline, or commands sent side by side in
 * one tick before any answer of the request came back — are one round trip, one wait; a command
 * sent after an answer came back, or in a later tick, starts the next. Only commands sent from the request's own async context count:
 * the embedded effect worker (its jobs use the same client) runs outside it, and the outbox
 * relay, which the turn's write wakes inside it, is told apart by its keys and counted on its own.
 */
export class RoundTripCounter {
  private readonly context = new AsyncLocalStorage<Trips>();
  private readonly relayed: string[] = [];
  private outboxKeys: readonly string[] = [];

  /** Counts on `redis` from now on; `outboxKeys` are the relay's (KeySpace.outbox, outboxOrder). */
  attach(redis: RedisClient, outboxKeys: readonly string[]): void {
    this.outboxKeys = outboxKeys;
    const original = redis.sendCommand.bind(redis) as (command: SentCommand, ...rest: unknown[]) => unknown;
    (redis as unknown as { sendCommand: (command: SentCommand, ...rest: unknown[]) => unknown }).sendCommand = (command, ...rest) => {
      const trips = this.context.getStore();
      if (trips && this.isRelay(command)) this.relayed.push(describe(command));
      else if (trips) this.count(trips, command);
      return original(command, ...rest);
    };
  }

  /**
   * The server's handler with each request read whole first and then served inside a context of its
   * own: body parsing runs in the socket's context, which would lose the request's. Express's body
   * parser skips a request that was read.
   */
  serving(handler: Handler): Handler {
    return (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        (req as IncomingMessage & { body?: unknown }).body = body ? JSON.parse(body) : undefined;
        const trips: Trips = { sent: [], open: false };
        this.served = trips;
        this.context.run(trips, () => handler(req, res));
      });
    };
  }

  private served: Trips = { sent: [], open: false };

  /** The round trips of the last request served, each as its commands (name and first key). */
  get last(): readonly string[] {
    return this.served.sent.map((commands) => commands.join(' + '));
  }

  private count(trips: Trips, command: SentCommand): void {
    if (command.pipelineIndex !== undefined && command.pipelineIndex > 0) return;
    if (!trips.open) {
      trips.sent.push([]);
      trips.open = true;
      setImmediate(() => (trips.open = false));
    }
    trips.sent.at(-1)!.push(describe(command));
    // An answer back means whatever is sent next waited on it.
    void command.promise.then(
      () => (trips.open = false),
      () => (trips.open = false),
    );
  }

  /** The relay's commands inside requests so far (moving a decision's effects into the queue): not the turn's wait. */
  get relay(): readonly string[] {
    return this.relayed;
  }

  private isRelay(command: SentCommand): boolean {
    const name = command.name.toLowerCase();
    const firstKey = String((name === 'eval' || name === 'evalsha' ? command.args[2] : command.args[0]) ?? '');
    return this.outboxKeys.includes(firstKey);
  }
}

function describe(command: SentCommand): string {
  const name = command.name.toLowerCase();
  if (command.pipelineIndex !== undefined) return `${name} (a pipeline)`;
  const key = name === 'eval' || name === 'evalsha' ? command.args[2] : command.args[0];
  return `${name} ${String(key ?? '')}`;
}
