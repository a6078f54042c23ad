import { format } from 'node:util';
import type { LogLevel } from '../config.js';

export interface Logger {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

const RANK = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 } as const;

/**
 * Log lines go to stderr, so stdout carries only what a script may capture (the one-time
 * admin key). Nothing logged may contain a key: callers log ids and hints, never secrets.
 */
export function createLogger(
  level: LogLevel,
  write = (line: string) => process.stderr.write(line),
): Logger {
  const at =
    (name: Exclude<LogLevel, 'silent'>) =>
    (...args: unknown[]) => {
      if (RANK[name] >= RANK[level])
        write(`${new Date().toISOString()} ${name} ${format(...args)}\n`);
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
