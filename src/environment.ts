import dotenv from 'dotenv';
import { type Config, loadConfig } from './config.ts';

/** `.env` (if present) under the real environment, then the validated config. */
export function loadEnvironment(): { raw: Record<string, string | undefined>; config: Config; problems: string[] } {
  dotenv.config({ quiet: true });
  const raw = { ...process.env };
  return { raw, ...loadConfig(raw) };
}
