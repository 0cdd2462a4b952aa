/** Why something happened (a rule firing, a staff step), carried into the timeline entries and the fired-rules list. */
export interface Cause {
  readonly rule: string;
  readonly reason: string;
  readonly source: string;
  /** The stage whose entry caused it; tasks it sets end with that stage. */
  readonly stage: string | null;
  /** A staff decision caused it (it may then point back to an earlier stage). */
  readonly byDecision?: boolean;
}
