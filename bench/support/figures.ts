/** One benchmark figure, printed as one JSON line; `baseline` is measured in the same run. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline: number | null;
  /** value / baseline (null without a baseline); the target says which way is better. */
  ratio: number | null;
  target?: string;
}

const round = (x: number): number => (Math.abs(x) >= 100 ? Math.round(x) : Math.round(x * 1000) / 1000);

export function figure(name: string, value: number, unit: string, baseline: number | null = null, target?: string): Figure {
  const f: Figure = {
    name,
    value: round(value),
    unit,
    baseline: baseline === null ? null : round(baseline),
    ratio: baseline ? round(value / baseline) : null,
  };
  if (target) f.target = target;
  process.stdout.write(`${JSON.stringify(f)}\n`);
  return f;
}

/** Milliseconds of wall time of `work`. */
export async function timed<T>(work: () => Promise<T> | T): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await work();
  return { ms: performance.now() - start, result };
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Progress for humans on stderr, so stdout stays pure JSON lines. */
export const note = (message: string): void => void process.stderr.write(`[bench] ${message}\n`);
