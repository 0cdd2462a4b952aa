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

export class Moment {
  // A Folder makes one Moment and starts it again (`begin`) for each event and timer,
  // rather than making one per event: nothing keeps a Moment once it is flushed. The case
  // as it stood before the moment began is kept in three fields.
  at: Instant = 0;
  day = 0;
  private openBefore = false;
  private ratingBefore: string | null = null;
  private stageBefore: string | null = null;
  // Most events change nothing: the lists are made on first use.
  private alertReasons: string[] | undefined;
  private entries: TimelineEntry[] | undefined;

  constructor(at: Instant, state: CaseState) {
    this.begin(at, state);
  }

  /** Starts the moment at `at`, with the case as it stands now. */
  begin(at: Instant, state: CaseState): this {
    this.at = at;
    this.day = londonDay(at);
    this.openBefore = state.open;
    this.ratingBefore = state.rating;
    this.stageBefore = state.stage;
    this.alertReasons = undefined;
    this.entries = undefined;
    return this;
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
    if (state.rating !== this.ratingBefore && state.rating !== null) {
      sink.push({ at: this.at, kind: 'rating', from: this.ratingBefore, to: state.rating });
    }
    if (this.entries) for (let i = 0; i < this.entries.length; i++) sink.push(this.entries[i]!);
  }

  holds(condition: Condition | undefined, learner: Learner): boolean {
    if (!condition) return true;
    const c = condition;
    if (c.nation && !c.nation.includes(learner.nation)) return false;
    if (c.programme && !c.programme.includes(learner.programme)) return false;
    if (c.withinFirstDays !== undefined && !(this.day - learner.startDay < c.withinFirstDays)) return false;
    if (c.afterFirstDays !== undefined && !(this.day - learner.startDay >= c.afterFirstDays)) return false;
    if (c.atRisk !== undefined && c.atRisk !== this.openBefore) return false;
    if (c.rating && !c.rating.includes(this.ratingBefore as string)) return false;
    if (c.stage && !c.stage.includes(this.stageBefore)) return false;
    return true;
  }
}
