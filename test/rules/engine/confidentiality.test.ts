/**
 * DESIGN.md, "Rules every part keeps": channel posts never contain safeguarding or health
 * details; those go by direct message to the roles allowed to see them. For every pack and
 * every restricted concern category: the alert (what the team channel sees) and every
 * non-sensitive entry name no category, and a role that may see restricted detail is told,
 * marked sensitive -- also while monitoring is paused or after withdrawal.
 */
import { BUILTIN_PACK_IDS, builtinPack } from '../../../src/rules/packs/index.js';
import { concern } from '../events.js';
import { simulate } from '../scenario.js';

const cases = BUILTIN_PACK_IDS.flatMap((id) =>
  builtinPack(id)!
    .concernCategories.filter((c) => c.restricted)
    .map((c) => [id, c.id, c.label] as const),
);

function restrictedRoles(packId: string): string[] {
  return builtinPack(packId)!.roles.filter((r) => r.seesRestricted).map((r) => r.id);
}

describe.each(cases)('%s: a "%s" concern', (packId, category, label) => {
  const run = simulate(packId, [concern('2026-10-05', category)]);
  // The category and its label, but not a role's name ("the safeguarding lead") which says nothing.
  const words = [category, category.replace(/-/g, ' '), label.replace(/^pastoral: /, '')];
  const scrub = (text: string) => text.toLowerCase().replace(/safeguarding (lead|team)/g, '');

  test('is never named in what a channel may see', () => {
    const visible = run.timeline.filter((e) => !('sensitive' in e && e.sensitive));
    for (const entry of visible) {
      const text = scrub(JSON.stringify(entry));
      for (const word of words) expect(text).not.toContain(word.toLowerCase());
    }
    for (const reason of run.case.reasons) {
      for (const word of words) expect(scrub(reason)).not.toContain(word.toLowerCase());
    }
  });

  test('reaches a role allowed to see it, marked sensitive', () => {
    const told = run.of('notify').filter((n) => restrictedRoles(packId).includes(n.role));
    expect(told.length).toBeGreaterThan(0);
    for (const n of told) expect(n.sensitive).toBe(true);
  });
});

describe('restricted concerns still reach the safeguarding role when monitoring has stopped', () => {
  test('makers: during a break in learning and after termination', () => {
    const atStage3 = [{ type: 'stage.entered', at: '2026-10-01', stage: 'stage-3' }];
    const paused = simulate('makers', [
      ...atStage3,
      { type: 'decision', at: '2026-10-02', outcome: 'break-in-learning' },
      concern('2026-10-05', 'safeguarding'),
    ]);
    expect(paused.case.status).toBe('paused');
    expect(paused.of('notify')).toContainEqual(
      expect.objectContaining({ at: '2026-10-05T00:00:00.000+01:00', role: 'safeguarding-lead', sensitive: true }),
    );
  });

  test('mtt: after withdrawal (a trainee needs no employer agreement)', () => {
    const withdrawn = simulate(
      'mtt',
      [
        { type: 'stage.entered', at: '2026-10-01', stage: 'stage-1' },
        { type: 'stage.entered', at: '2026-10-02', stage: 'stage-2' },
        { type: 'stage.entered', at: '2026-10-05', stage: 'stage-3' },
        { type: 'decision', at: '2026-10-06', outcome: 'withdraw' },
        concern('2026-10-07', 'mental-health'),
      ],
      undefined,
      { programme: 'traineeship' },
    );
    expect(withdrawn.case.status).toBe('withdrawn');
    expect(withdrawn.of('notify')).toContainEqual(
      expect.objectContaining({ at: '2026-10-07T00:00:00.000+01:00', role: 'safeguarding-team', sensitive: true }),
    );
  });
});
