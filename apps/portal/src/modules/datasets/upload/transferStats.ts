// Speed and time-left maths for the progress bars: a sliding window over (time, bytes uploaded) samples, so
// the speed follows the connection without jumping with every block.

export interface Sample {
  readonly at: number;
  readonly bytes: number;
}

export const SPEED_WINDOW_MS = 5_000;

/** Adds a sample and drops those older than the window, keeping one older sample as the window's start. */
export function addSample(samples: readonly Sample[], sample: Sample, windowMs = SPEED_WINDOW_MS): Sample[] {
  const all = [...samples, sample];
  const cutoff = sample.at - windowMs;
  let start = 0;
  while (start + 1 < all.length && (all[start + 1]?.at ?? Infinity) <= cutoff) start += 1;
  return all.slice(start);
}

/** Bytes per second across the samples, or null until there is at least 0.5 s of them. Never negative (a retried block rewinds bytes). */
export function speedOf(samples: readonly Sample[]): number | null {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (first === undefined || last === undefined) return null;
  const elapsed = last.at - first.at;
  if (elapsed < 500) return null;
  return Math.max(0, ((last.bytes - first.bytes) * 1000) / elapsed);
}

/** Seconds left at this speed, or null when it cannot be told (no speed yet, or stalled). */
export function secondsLeft(remainingBytes: number, bytesPerSecond: number | null): number | null {
  if (remainingBytes <= 0) return 0;
  if (bytesPerSecond === null || bytesPerSecond <= 0) return null;
  return Math.ceil(remainingBytes / bytesPerSecond);
}

/** Fraction done, 0–1; an empty file or set counts as done once finished, else 0. */
export function fractionDone(uploaded: number, total: number, finished = false): number {
  if (total <= 0) return finished ? 1 : 0;
  return Math.min(1, Math.max(0, uploaded / total));
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** 1536 → "1.5 KB" (binary steps, short labels as people expect them). */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

export function formatSpeed(bytesPerSecond: number | null): string {
  return bytesPerSecond === null ? '—' : `${formatBytes(bytesPerSecond)}/s`;
}

/** 75 → "1 min 15 s", 3720 → "1 h 2 min", null → "—". */
export function formatSecondsLeft(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
