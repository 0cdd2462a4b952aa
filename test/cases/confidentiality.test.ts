/**
 * "Only the safeguarding role sees safeguarding and health details, which never appear in
 * anything addressed to a channel." For every pack and every restricted concern category:
 * a coach records it with a note; no channel intent holds the category or the note, the
 * restricted notice reaches only people whose role may see it (with the detail), and the
 * case view withholds the detail from everyone else.
 */
import { toAdaptiveCard } from '../../src/cards/adaptive.js';
import { toSlackMessage } from '../../src/cards/block-kit.js';
import { cardForIntent } from '../../src/cards/catalogue/intent-cards.js';
import { builtinPack } from '../../src/rules/packs/index.js';
import { learnerRecord, openProvider, person, type Provider } from './harness.js';

const PACKS = ['makers', 'creative-alliance', 'bpn', 'mtt', 'atl'];
const NOTE = 'Disclosed anxiety medication and a hospital stay';

describe.each(PACKS)('%s', (packId) => {
  const pack = builtinPack(packId)!;
  const restricted = pack.concernCategories.filter((c) => c.restricted);
  const safeguarding = pack.roles.find((r) => r.seesRestricted)!;
  let p: Provider;

  beforeAll(async () => {
    p = await openProvider(
      `conf-${packId}`,
      [
        person('coach@p.org', ['coach']),
        person('guard@p.org', [safeguarding.id]),
        ...pack.roles.filter((r) => !r.external && r.id !== 'coach' && !r.seesRestricted).map((r) => person(`${r.id}@p.org`, [r.id])),
      ],
      restricted.map((_c, i) => learnerRecord(`L${i}`, packId, { coach: 'coach@p.org' })),
      '2026-10-05T09:00:00Z',
    );
  });
  afterAll(() => p.close());

  test.each(restricted.map((c, i) => [c.id, i] as const))('a %s concern', async (category, i) => {
    const learnerId = `L${i}`;
    p.take();
    await p.ok('coach@p.org', { kind: 'record-fact', learnerId, fact: 'concern.raised', category, note: NOTE });
    const sent = p.take();

    const channel = sent.filter((i) => i.audience.kind !== 'direct');
    for (const intent of channel) {
      const text = JSON.stringify(intent);
      expect(intent.sensitivity).toBe('general');
      expect(text).not.toContain(NOTE);
      expect(text).not.toContain(`"${category}"`);
    }
    for (const intent of sent.filter((i) => i.sensitivity === 'general')) expect(JSON.stringify(intent)).not.toContain(NOTE);
    // And the cards the chat apps would post, in both renderers.
    for (const intent of channel) {
      const card = cardForIntent(intent);
      for (const rendered of [toSlackMessage(card), toAdaptiveCard(card)]) {
        expect(JSON.stringify(rendered)).not.toContain(NOTE);
        // The category's label, unless the pack's own channel-safe wording uses the word
        // ("details go to the safeguarding lead only").
        const label = restricted.find((c) => c.id === category)!.label;
        if (!JSON.stringify(pack.triggers).includes(label)) expect(JSON.stringify(rendered)).not.toContain(label);
      }
    }

    const notices = sent.filter((i) => i.type === 'policy-notice' && i.sensitivity === 'restricted');
    expect(notices.length).toBeGreaterThan(0);
    for (const notice of notices) {
      expect(notice.audience).toMatchObject({ kind: 'direct', staffIds: ['guard@p.org'] });
      expect(notice.type === 'policy-notice' && notice.detail).toEqual({ category, categoryLabel: expect.any(String), note: NOTE });
    }

    const coachView = await p.queries.caseDetail('coach@p.org', learnerId);
    const coachTrail = coachView.ok ? JSON.stringify(coachView.value.trail) : '';
    expect(coachView.ok && coachView.value.sensitivity).toBe('general');
    expect(coachTrail).not.toContain(NOTE);
    expect(coachTrail).not.toContain(`"${category}"`);
    expect(coachView.ok && coachView.value.trail.at(-1)).toMatchObject({ withheld: true, event: { type: 'concern.raised', category: 'restricted' } });

    const guardView = await p.queries.caseDetail('guard@p.org', learnerId);
    expect(guardView.ok && guardView.value.sensitivity).toBe('restricted');
    expect(guardView.ok && guardView.value.trail.at(-1)?.event).toMatchObject({ category, note: NOTE });

    const register = await p.queries.registerCsv(`${pack.roles.find((r) => !r.external && r.id !== 'coach' && !r.seesRestricted)!.id}@p.org`);
    // When the concern put them on the register, it lists them in the pack's channel-safe words.
    const onRegister = coachView.ok && coachView.value.case.atRisk;
    expect(register.ok && register.value.includes(learnerId)).toBe(onRegister);
    expect(register.ok && register.value).not.toContain(NOTE);
  });
});
