/**
 * One instant at which the case changes: an event, or a timer firing. Rules that fire in
 * the same moment share one alert (its reasons merged) and one rating change, and every
 * condition they test sees the case as it stood before the moment began.
 */
import { londonDay, type Instant } from '../calendar/index.js';
import type { Learner } from '../events/learner-event.js';
import type { Condition } from '../pack/schema-parts.js';
import type { CaseState } from './case-state.js';
import type { TimelineEntry } from './timeline.js';

export interface Before {
  readonly open: boolean;
  readonly rating: string | null;
  readonly stage: string | null;
}

export class Moment {
  readonly before: Before;
  readonly day: number;
  // Most events change nothing: the lists are made on first use.
  private alertReasons: string[] | undefined;
  private entries: TimelineEntry[] | undefined;

  constructor(
    readonly at: Instant,
    state: CaseState,
  ) {
    this.before = { open: state.open, rating: state.rating, stage: state.stage };
    this.day = londonDay(at);
  }

  alert(reason: string): void {
    this.alertReasons ??= [];
    if (!this.alertReasons.includes(reason)) this.alertReasons.push(reason);
  }

  push(entry: TimelineEntry): void {
    (this.entries ??= []).push(entry);
  }

  /** The moment's entries: the alert first, then one rating change, then the rest in order. */
  flush(sink: TimelineEntry[], state: CaseState): void {
    if (this.alertReasons) sink.push({ at: this.at, kind: 'alert', reasons: this.alertReasons });
    if (state.rating !== this.before.rating && state.rating !== null) {
      sink.push({ at: this.at, kind: 'rating', from: this.before.rating, to: state.rating });
    }
    if (this.entries) for (const e of this.entries) sink.push(e);
  }

  holds(condition: Condition | undefined, learner: Learner): boolean {
    if (!condition) return true;
    const c = condition;
    if (c.nation && !c.nation.includes(learner.nation)) return false;
    if (c.programme && !c.programme.includes(learner.programme)) return false;
    if (c.withinFirstDays !== undefined && !(this.day - learner.startDay < c.withinFirstDays)) return false;
    if (c.afterFirstDays !== undefined && !(this.day - learner.startDay >= c.afterFirstDays)) return false;
    if (c.atRisk !== undefined && c.atRisk !== this.before.open) return false;
    if (c.rating && !c.rating.includes(this.before.rating as string)) return false;
    if (c.stage && !c.stage.includes(this.before.stage)) return false;
    return true;
  }
}
