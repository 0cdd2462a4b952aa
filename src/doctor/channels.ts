/**
 * The channels a deployment needs bound, on each platform: the coaching team's for alerts,
 * and the SMT's when a policy in use holds meetings (their agendas and digests go there).
 */
import { channelSetting } from '../cases/channel-settings.js';
import type { Pack } from '../rules/pack/pack-schema.js';
import type { Store } from '../store/store.js';

export interface NeededChannel {
  readonly what: 'alerts' | 'smt';
  /** For the checklist: "alerts channel". */
  readonly label: string;
  /** Whose channel it is, for the fix: "the coaching team's channel". */
  readonly whose: string;
}

export function neededChannels(packs: readonly Pack[]): NeededChannel[] {
  const alerts: NeededChannel = { what: 'alerts', label: 'alerts channel', whose: "the coaching team's channel" };
  const smt: NeededChannel = { what: 'smt', label: 'SMT channel', whose: "the SMT's channel" };
  return packs.some((p) => p.meetings.length > 0) ? [alerts, smt] : [alerts];
}

/** The conversation bound for `what` on `platform`, if any. */
export function boundChannel(store: Store, platform: 'slack' | 'teams', what: NeededChannel['what']): Promise<string | null> {
  return store.getSetting(channelSetting(platform, what));
}
