/**
 * The setup status card an admin gets from `setup`: one line per check, ✓ or ✗, and under
 * each ✗ what to do about it. Built from the service's checks (src/cases/setup-status.ts).
 */
import type { SetupCheck } from '../../cases/setup-status.js';
import type { Block, Card } from '../card.js';

export function setupStatusCard(platform: string, checks: readonly SetupCheck[]): Card {
  const failing = checks.filter((c) => !c.ok).length;
  const blocks: Block[] = checks.map((c) => ({
    kind: 'section',
    title: `${c.ok ? '✓' : '✗'} ${c.name}`,
    text: c.ok || !c.fix ? c.detail : `${c.detail}\nFix: ${c.fix}`,
  }));
  return {
    name: 'setup-status',
    title: `Waymark setup in ${platform}`,
    badge: failing === 0 ? { text: 'Ready', tone: 'good' } : { text: `${failing} to fix`, tone: 'attention' },
    blocks,
    summary: `Waymark setup in ${platform}: ${failing === 0 ? 'ready' : `${failing} to fix (${checks.filter((c) => !c.ok).map((c) => c.name).join(', ')})`}`,
  };
}
