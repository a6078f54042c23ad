import { format } from 'node:util';
import { type DestinationStream, pino } from 'pino';
import type { LogLevel } from '../config.js';

export interface Logger {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

/**
 * Where a key could sit in a logged object. Callers log ids and hints, never secrets; these
 * paths are the second line of defence for anything that logs a request or a payload.
 */
export const REDACTED_PATHS = [
  'req.headers["x-api-key"]',
  'req.headers.authorization',
  'headers["x-api-key"]',
  'headers.authorization',
  'secret',
  '*.secret',
];

/** Where log lines go: anything with `write(line)`. */
export type LogDestination = DestinationStream;

const isFields = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * JSON lines (pino) on stderr, so stdout carries only what a script may capture (the
 * one-time admin key, reports). One line: `{"level":"info","time":"…","msg":"…", …fields}`.
 * `logger.info({ msg, ...fields })` logs fields; `logger.info('text %s', value)` a message;
 * an Error as first argument is logged under `err` with its stack.
 */
export function createLogger(
  level: LogLevel,
  destination: LogDestination = pino.destination({ dest: 2, sync: true }),
): Logger {
  const log = pino(
    {
      level,
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[Redacted]' },
    },
    destination,
  );
  const at =
    (name: Exclude<LogLevel, 'silent'>) =>
    (...args: unknown[]): void => {
      if (!log.isLevelEnabled(name)) return;
      const [first, ...rest] = args;
      if (first instanceof Error) {
        log[name]({ err: first }, rest.length > 0 ? format(...rest) : first.message);
      } else if (isFields(first)) {
        if (rest.length > 0) log[name](first, format(...rest));
        else log[name](first);
      } else {
        log[name](format(...args));
      }
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
