import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Log lines carry ids, verbs and outcomes only. The redaction list is a second line of
 * defence in case an activity or card payload is ever passed to a log call by mistake.
 */
export const REDACTED_PATHS = [
  'text',
  'value',
  'attachments',
  'activity',
  'body',
  'description',
  'form',
  '*.text',
  '*.value',
  '*.attachments',
  '*.activity',
  '*.body',
  '*.description',
  '*.form',
  'req.body',
  'err.command',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    { level, base: { service: 'yhteistyobotti' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    destination,
  );
}
