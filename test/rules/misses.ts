/** A learner who missed `n` weekly sessions from 8 September 2026, folded under a pack. */
import { evaluate } from '../../src/rules/engine/engine.js';
import type { CaseState } from '../../src/rules/engine/case-state.js';
import { parseEvent, parseLearner } from '../../src/rules/events/parse-input.js';
import type { Pack } from '../../src/rules/pack/pack-schema.js';

/** The case after the misses, run to `until` (default: the last miss). */
export function afterMisses(pack: Pack, n: number, until?: number): CaseState {
  const learner = parseLearner({ id: 'L1', programme: 'apprenticeship', nation: 'england', startDate: '2026-09-01' });
  if (!learner.ok) throw new Error('bad learner');
  const events = Array.from({ length: n }, (_, i) => {
    const e = parseEvent({ type: 'session.missed', at: `2026-09-${String(8 + 7 * i).padStart(2, '0')}` }, 'e');
    if (!e.ok) throw new Error('bad event');
    return e.value;
  });
  const folded = evaluate(pack, learner.value, events, until ?? events.at(-1)?.at ?? Date.parse('2026-09-01T00:00:00Z'));
  if (!folded.ok) throw new Error(folded.refusal.message);
  return folded.state;
}
