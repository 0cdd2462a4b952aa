/**
 * The answer to `policy`: the policy in force (the deployment's default pack), its version
 * and its main thresholds, each in the words `waymark policy explain` uses for it, and the
 * other packs loaded by id and version. It holds no learner data.
 */
import type { Pack } from '../../rules/pack/pack-schema.js';
import { hasThreshold, triggerLine } from '../../rules/explain/trigger-words.js';
import type { Card } from '../card.js';

export function policyCard(inForce: Pack, others: readonly Pack[]): Card {
  const thresholds = inForce.triggers.filter(hasThreshold);
  const single = inForce.triggers.length - thresholds.length;
  return {
    name: 'policy',
    title: `Policy in force: ${inForce.name}`,
    badge: { text: `${inForce.id} ${inForce.version}`, tone: 'accent' },
    blocks: [
      {
        kind: 'facts',
        facts: [
          { label: 'Policy', value: inForce.id },
          { label: 'Version', value: inForce.version },
          { label: 'Provider', value: inForce.provider },
        ],
      },
      thresholds.length > 0
        ? { kind: 'list', title: 'Main thresholds', items: thresholds.map((t) => triggerLine(inForce, t)) }
        : { kind: 'text', text: 'This policy has no thresholds: only single events put a learner at risk.' },
      ...(single > 0
        ? [{ kind: 'text' as const, text: `Also ${single} ${single === 1 ? 'rule acts' : 'rules act'} on a single event, such as a concern being recorded.`, muted: true }]
        : []),
      ...(others.length > 0 ? [{ kind: 'list' as const, title: 'Other policies loaded', items: others.map((p) => `${p.id} ${p.version}: ${p.name} (${p.provider})`) }] : []),
      { kind: 'text', text: `Every rule, stage and deadline, with the written policy's words: waymark policy explain ${inForce.id} --format html`, muted: true },
    ],
    summary: `Policy in force: ${inForce.id} ${inForce.version} (${inForce.name}, ${inForce.provider})`,
  };
}
