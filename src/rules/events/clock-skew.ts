/**
 * Events dated in the future are refused: nothing the bot is told can have happened yet.
 * Clocks differ a little between the provider's systems, people's devices and Waymark,
 * so an event may be dated up to CLOCK_SKEW_MS ahead of Waymark's clock. The same rule
 * for the data feed, the CSV import and chat; `now` is an argument (no clock read here).
 */
import { formatLondon, type Instant } from '../calendar/index.js';

export const CLOCK_SKEW_MS = 5 * 60 * 1000;
export const CLOCK_SKEW_WORDS = '5 minutes';

/** Why an event dated `at` cannot be taken at `now`, or null when it can. */
export function futureProblem(at: Instant, now: Instant): string | null {
  if (at - now <= CLOCK_SKEW_MS) return null;
  return `is in the future (${formatLondon(at)}; it is now ${formatLondon(now)}): an event may be dated at most ${CLOCK_SKEW_WORDS} ahead`;
}
