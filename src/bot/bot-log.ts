export interface BotLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** Name and message only: an error object can carry the activity, and with it client text. */
export const errorFields = (error: unknown) => ({ err: { name: (error as Error).name, message: (error as Error).message } });
