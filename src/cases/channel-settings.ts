/**
 * Where an installation's posts go: the chat channel bound, per platform, for the
 * coaching team's alerts and for the SMT's (meetings') digests, kept as settings.
 */
import type { ChatPlatform } from './staff-links.js';

export type BoundChannel = 'alerts' | 'smt';

/** The settings key of a bound channel. */
export const channelSetting = (platform: ChatPlatform, what: BoundChannel) => `${platform}:channel:${what}`;
