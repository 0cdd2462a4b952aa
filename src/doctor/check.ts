/**
 * One line of `waymark doctor`'s checklist: what was checked, whether it holds, what was
 * found, and (when it does not hold) how to put it right. The JSON form is exactly
 * `{ name, ok, detail, fix }`; `fix` is null for a check that passes.
 */
export interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
  readonly fix: string | null;
}

export interface DoctorReport {
  /** Every check passed. */
  readonly ok: boolean;
  readonly checks: readonly Check[];
}

export function passed(name: string, detail: string): Check {
  return { name, ok: true, detail, fix: null };
}

export function failed(name: string, detail: string, fix: string): Check {
  return { name, ok: false, detail, fix };
}

export function report(checks: readonly Check[]): DoctorReport {
  return { ok: checks.every((c) => c.ok), checks };
}

/** At most `max` items, then "and N more", so a long list stays one readable line. */
export function listed(items: readonly string[], max = 10): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

/** "1 learner", "3 learners" ("2 indexes" with `plural`). */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
