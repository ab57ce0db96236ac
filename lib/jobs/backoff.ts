/** How long to wait before a failed job's next attempt (docs/decisions/0024-durable-jobs.md). */
export type BackoffPolicy = { baseMs: number; maxMs: number };

export const defaultBackoff: BackoffPolicy = { baseMs: 30_000, maxMs: 6 * 60 * 60 * 1000 };

/**
 * The delay after failed attempt `attempt` (1 for the first): base × 2^(attempt−1), capped at
 * max, then "equal jitter" (between half and all of it) so jobs that failed together, because a
 * mail server was down, do not all come back in the same second.
 */
export function backoffMs(
  attempt: number,
  policy: BackoffPolicy = defaultBackoff,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
