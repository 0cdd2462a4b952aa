/**
 * What the parts of the fold share: the compiled pack, the learner, the state being
 * folded and the timeline it writes. The Folder implements it.
 */
import type { Learner } from '../events/learner-event.js';
import type { CaseState } from './case-state.js';
import type { CompiledPack } from './compile.js';
import type { Moment } from './moment.js';

export interface FoldContext {
  readonly compiled: CompiledPack;
  readonly learner: Learner;
  readonly state: CaseState;
  /** Tasks, follow-ups or inactivity clocks changed: the next timer must be found again. */
  timersChanged(): void;
  /** A case has just opened in moment `m` (runs the pack's `onAtRisk` effects). */
  caseOpened(m: Moment, because: string): void;
}

/** An expected refusal, returned as a value with a stable code. */
export interface Refusal {
  readonly code:
    | 'unknown-stage'
    | 'forbidden-transition'
    | 'unknown-outcome'
    | 'outcome-not-allowed'
    | 'not-at-stage'
    | 'no-appealable-decision'
    | 'appeal-not-allowed'
    | 'no-appeal-lodged'
    | 'reason-required'
    | 'learner-withdrawn'
    | 'out-of-order'
    | 'already-proposed'
    | 'unknown-proposal'
    | 'proposal-not-pending'
    | 'no-agenda-item'
    | 'review-date-passed';
  readonly message: string;
}
