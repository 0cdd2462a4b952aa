/**
 * Plain words for what people did, shared by refusals and answers: "approved", "asked for
 * more information on", "on Wednesday 25 November 2026 at 10:02".
 */
import { formatLondon } from '../rules/calendar/index.js';

/** Each verdict as a headline ("More information asked for") and in a sentence ("Dan asked for more information on this"). */
const VERDICTS: Record<string, { headline: string; did: string }> = {
  approved: { headline: 'Approved', did: 'approved' },
  rejected: { headline: 'Rejected', did: 'rejected' },
  'more-information': { headline: 'More information asked for', did: 'asked for more information on' },
};

export function verdictWords(verdict: string): string {
  return VERDICTS[verdict]?.did ?? `decided (${verdict})`;
}

export function verdictHeadline(verdict: string): string {
  return VERDICTS[verdict]?.headline ?? verdict;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "on Wednesday 25 November 2026 at 10:02" in UK time. */
export function whenWords(at: Date): string {
  const text = formatLondon(at.getTime()); // 2026-11-25T10:02:00.000+00:00
  const [y, m, d] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  return `on ${weekday} ${d} ${MONTHS[m - 1]} ${y} at ${text.slice(11, 16)}`;
}
