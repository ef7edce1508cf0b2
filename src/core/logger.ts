import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { redact } from './redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

/**
 * JSON lines to `<stateDir>/logs/biz.log`, one object per line with time, level, message and correlation fields
 * (run id). `mirror` (from --verbose) copies each line to stderr. Everything passes through redact().
 */
export function createLogger(opts: { stateDir: string; level?: LogLevel; mirror?: boolean; fields?: Record<string, unknown> }): Logger {
  const dir = join(opts.stateDir, 'logs');
  const file = join(dir, 'biz.log');
  const min = ORDER[opts.mirror ? 'debug' : (opts.level ?? 'info')];
  let ready = false;
  const write = (level: LogLevel, msg: string, fields: Record<string, unknown>) => {
    if (ORDER[level] < min) return;
    const line = redact(JSON.stringify({ time: new Date().toISOString(), level, msg, ...opts.fields, ...fields }));
    try {
      if (!ready) {
        mkdirSync(dir, { recursive: true });
        ready = true;
      }
      appendFileSync(file, `${line}\n`);
    } catch {
      // A log that cannot be written must not stop the command; --verbose still shows it.
    }
    if (opts.mirror) process.stderr.write(`${line}\n`);
  };
  return {
    debug: (m, f = {}) => write('debug', m, f),
    info: (m, f = {}) => write('info', m, f),
    warn: (m, f = {}) => write('warn', m, f),
    error: (m, f = {}) => write('error', m, f),
    child: (fields) => createLogger({ ...opts, fields: { ...opts.fields, ...fields } }),
  };
}
