/**
 * The directory reads of one command, made once. While a command runs, the staff
 * directory, the settings and the learner's record do not change, yet authorising it and
 * working out who hears about it ask for the same person or role again and again. This is
 * a view over the store for one command's life only (never shared between commands, so
 * nothing goes stale): those reads are made once each; every other call, and every
 * write, goes straight to the store, and a write to the directory forgets what was read.
 */
import { rememberedReads } from '../store/remembered-reads.js';
import type { Store } from '../store/store.js';

export function commandReads(store: Store): Store {
  return rememberedReads(store, {
    reads: ['getStaff', 'staffWithRole', 'staffByChatId', 'getSetting', 'getLearner'],
    forgets: { putStaff: 'all', putSetting: 'all', putLearner: 'all' },
  });
}
