// One logger for the process: lines to stderr, with every known secret replaced before writing,
// so a token can never reach a log through an error message or a stack trace.

export interface Logger {
  info: (message: string) => void;
  warn: (message: string) => void;
  error: (message: string, error?: unknown) => void;
}

const SECRET_NAMES = [
  'DISCORD_TOKEN',
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_CLIENT_SECRET',
  'SLACK_STATE_SECRET',
  'DATABASE_URL',
];

export function secretsFrom(env: Record<string, string | undefined>): string[] {
  const values = SECRET_NAMES.map((n) => env[n]).filter((v): v is string => typeof v === 'string' && v.length >= 6);
  // A database URL's password, when it has one.
  for (const v of values) {
    const m = /^[a-z]+:\/\/[^:/@]+:([^@]+)@/i.exec(v);
    if (m?.[1]) values.push(m[1]);
  }
  return values;
}

// Slack tokens have a known shape; the ones workspaces hand over at install time are in no
// environment variable, so they are caught by it.
const SLACK_TOKEN = /\bxox[abeoprs]-[A-Za-z0-9-]+/g;

export function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join('[redacted]');
  return out.replace(SLACK_TOKEN, '[redacted]');
}

export function createLogger(secrets: string[], write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Logger {
  const emit = (level: string, message: string) => write(redact(`${new Date().toISOString()} ${level} ${message}`, secrets));
  return {
    info: (m) => emit('info', m),
    warn: (m) => emit('warn', m),
    error: (m, e) => emit('error', e === undefined ? m : `${m}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
  };
}

type Write = NodeJS.WriteStream['write'];
const guarded = new WeakMap<NodeJS.WriteStream, string[]>();

/**
 * Everything this process writes to stdout and stderr passes the redactor from here on: answers,
 * start-up failure lines quoting an upstream ("Bad request from Bot <token>") and last-resort
 * errors alike, so no line has to remember to. Called again, it adds the new secrets.
 */
export function redactStandardStreams(secrets: string[], streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    const known = guarded.get(stream);
    if (known) {
      known.push(...secrets.filter((s) => !known.includes(s)));
      continue;
    }
    const all = [...secrets];
    guarded.set(stream, all);
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    const redacting = (chunk: unknown, ...rest: unknown[]): boolean => {
      const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : null;
      if (text === null) return write(chunk, ...rest);
      const clean = redact(text, all);
      return write(clean === text ? chunk : clean, ...rest);
    };
    stream.write = redacting as Write;
  }
}
