/**
 * What the bot must do, as timeline entries (docs/contracts/simulate.md, "Output").
 * Inside the engine `at` is an instant; `toOutput` writes it as ISO with the London offset.
 */
import { formatLondon, type Instant } from '../calendar/index.js';
import type { Verdict } from '../events/event-schema.js';

interface At {
  readonly at: Instant;
}
export type TimelineEntry = At &
  (
    | { readonly kind: 'alert'; readonly reasons: string[] }
    | { readonly kind: 'rating'; readonly from: string | null; readonly to: string }
    | {
        readonly kind: 'recommend';
        readonly action: string;
        readonly reasons: string[];
        readonly stage?: string;
        /** The role whose decision the recommendation waits for. */
        readonly approver?: string;
      }
    | { readonly kind: 'stage'; readonly from: string | null; readonly to: string }
    | { readonly kind: 'task'; readonly task: string; readonly role: string; readonly due: string; readonly title: string }
    | { readonly kind: 'overdue'; readonly task: string; readonly role: string; readonly due: string }
    | {
        readonly kind: 'notify';
        readonly role: string;
        readonly reason: string;
        /** Restricted detail: for a direct message to this role only, never a channel. */
        readonly sensitive?: true;
      }
    | { readonly kind: 'agenda'; readonly meeting: string; readonly date: string }
    /** A step was proposed and waits for the approver role's decision. */
    | { readonly kind: 'proposal'; readonly proposal: string; readonly approver: string }
    /** A proposal was decided (approved, rejected, or sent back for more information). */
    | { readonly kind: 'decided'; readonly proposal: string; readonly verdict: Verdict; readonly by: string }
    /** A meeting recorded its decision on an agenda item. */
    | { readonly kind: 'agenda-decided'; readonly meeting: string; readonly date: string; readonly owner: string; readonly reviewDate: string }
  );

export type TimelineKind = TimelineEntry['kind'];

/** An entry as printed: `at` as text, per kind (distributed over the union). */
export type OutputEntry = TimelineEntry extends infer E ? (E extends TimelineEntry ? Omit<E, 'at'> & { at: string } : never) : never;

/** The entry with `at` first and written in Europe/London time. */
export function toOutput(entry: TimelineEntry): OutputEntry {
  const { at, ...rest } = entry;
  return { at: formatLondon(at), ...rest } as OutputEntry;
}
