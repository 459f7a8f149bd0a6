const UNITS: Record<string, number> = { m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** "30m", "24h", "7d", "2w" → milliseconds; null for anything else. */
export function parseDuration(text: string): number | null {
  const m = /^\s*(\d{1,5})\s*(m|min|h|d|w)\s*$/i.exec(text);
  if (!m?.[1] || !m[2]) return null;
  const ms = Number(m[1]) * (UNITS[m[2].toLowerCase()] ?? 0);
  return ms > 0 ? ms : null;
}
