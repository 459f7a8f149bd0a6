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
