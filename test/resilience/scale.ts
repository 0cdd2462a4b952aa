/**
 * How big the resilience suites run. `npm test` runs every check at a size that takes
 * seconds; `npm run stress` (WAYMARK_STRESS=1) runs the same checks at full size. Neither
 * waits on throughput: waits are by count, bounded generously by the amount of work.
 */
export const STRESS = process.env.WAYMARK_STRESS === '1';

/** `small` under `npm test`, `full` under `npm run stress`. */
export function sized(small: number, full: number): number {
  return STRESS ? full : small;
}

/**
 * A bound for waiting on `operations` pieces of work: a minute, plus 100 ms for each (ten
 * a second, several times slower than the slowest 2-core machine seen). It only turns a
 * hang into a failure; it is not a speed requirement.
 */
export function boundFor(operations: number): number {
  return 60_000 + operations * 100;
}
