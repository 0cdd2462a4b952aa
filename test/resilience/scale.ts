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
 * A bound for waiting on `operations` pieces of work: two minutes, plus half a second for
 * each (two a second; a loaded 2-core machine was seen doing seven). It only turns a hang
 * into a failure; it is not a speed requirement.
 */
export function boundFor(operations: number): number {
  return 120_000 + operations * 500;
}
