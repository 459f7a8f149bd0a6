import dotenv from 'dotenv';
import { type Config, loadConfig } from './config.ts';
import { redactStandardStreams, secretsFrom } from './log.ts';

/**
 * `.env` (if present) under the real environment, then the validated config. From here on the
 * process's stdout and stderr redact the secrets it holds: whatever reads the secrets guards them.
 */
export function loadEnvironment(): { raw: Record<string, string | undefined>; config: Config; problems: string[] } {
  dotenv.config({ quiet: true });
  const raw = { ...process.env };
  redactStandardStreams(secretsFrom(raw));
  return { raw, ...loadConfig(raw) };
}
