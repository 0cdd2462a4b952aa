/**
 * Every card and form, in both renderers: snapshots, Microsoft's adaptivecards library
 * parsing and validating each Adaptive Card with zero problems, every Block Kit payload
 * within Slack's limits, long content truncated (never failing), and no restricted detail
 * in a card for a channel.
 */
import { ADAPTIVE_MAX_BYTES, teamsSize, toAdaptiveCard, toAdaptiveDialog } from '../../src/cards/adaptive.js';
import { adaptiveCardProblems } from '../../src/cards/adaptive-check.js';
import { toSlackHome, toSlackMessage, toSlackModal } from '../../src/cards/block-kit.js';
import { blockKitProblems } from '../../src/cards/block-kit-check.js';
import type { Card } from '../../src/cards/card.js';
import { caseloadCard } from '../../src/cards/catalogue/digests.js';
import { proposeStepForm, smtDecisionForm, recordFactForm } from '../../src/cards/catalogue/forms.js';
import { cardForIntent } from '../../src/cards/catalogue/intent-cards.js';
import { errorCard } from '../../src/cards/catalogue/query-cards.js';
import { SAMPLE_INTENTS, sampleCards, sampleForms } from '../../src/cards/samples.js';
import type { CaseloadItem } from '../../src/cases/intents.js';

const cards = sampleCards();
const forms = sampleForms();

describe.each(cards.map((c) => [c.name, c.card] as const))('%s card', (_name, card) => {
  test('Block Kit message: snapshot, within Slack\'s limits', () => {
    const message = toSlackMessage(card);
    expect(blockKitProblems(message, 'message')).toEqual([]);
    expect(message).toMatchSnapshot();
  });

  test('Adaptive Card 1.5: snapshot, parsed and validated by the adaptivecards library with no problem', () => {
    const adaptive = toAdaptiveCard(card);
    expect(adaptive.version).toBe('1.5');
    expect(adaptiveCardProblems(adaptive)).toEqual([]);
    // Buttons are Action.Execute; only those that open a form are task/fetch submits (Teams
    // dialogs), and only links to the web pages are Action.OpenUrl.
    for (const action of JSON.stringify(adaptive).match(/"type":"Action\.\w+"[^}]*/g) ?? []) {
      if (action.startsWith('"type":"Action.Submit"')) expect(action).toMatch(/"msteams":\{"type":"task\/fetch"/);
      else if (action.startsWith('"type":"Action.OpenUrl"')) expect(action).toMatch(/"url":"https:\/\/waymark\.example\.ac\.uk\/web\//);
      else expect(action).toMatch(/^"type":"Action\.Execute"/);
    }
    expect(adaptive).toMatchSnapshot();
  });
});

describe.each(forms.map((f) => [f.name, f.form] as const))('%s', (_name, form) => {
  test('as a Slack modal: snapshot, within limits', () => {
    const modal = toSlackModal(form);
    expect(blockKitProblems(modal, 'modal')).toEqual([]);
    expect(modal).toMatchSnapshot();
  });

  test('as a Teams dialog card: snapshot, no problems', () => {
    const dialog = toAdaptiveDialog(form);
    expect(adaptiveCardProblems(dialog)).toEqual([]);
    expect(dialog).toMatchSnapshot();
  });
});

test('every intent type and every query has its card', () => {
  const intentTypes = new Set(SAMPLE_INTENTS.map((i) => i.type));
  expect([...intentTypes].sort()).toEqual(
    ['agenda-decision', 'approval-request', 'at-risk-alert', 'case-update', 'coach-digest', 'decision-result', 'meeting-digest', 'nudge', 'overdue', 'policy-notice', 'recommendation', 'task'].sort(),
  );
  expect(cards.map((c) => c.name)).toEqual(expect.arrayContaining(['case', 'caseload', 'pending-approvals', 'help', 'error', 'register-link', 'chronology-link', 'web-pages']));
  expect(forms.map((f) => f.name).sort()).toEqual(['log-contact-form', 'propose-step-form', 'record-fact-form', 'smt-decision-form']);
});

test('the App Home holds several cards within 100 blocks', () => {
  const home = toSlackHome(cards.map((c) => c.card));
  expect(blockKitProblems(home, 'home')).toEqual([]);
  expect((home.blocks as unknown[]).length).toBe(100);
  expect(JSON.stringify((home.blocks as unknown[]).at(-1))).toContain('more blocks not shown');
});

describe('long content is cut to fit, never failing', () => {
  const base = cards.find((c) => c.name === 'caseload')!.card;
  const item = (i: number): CaseloadItem => ({
    learner: { id: `L${i}`, name: `Learner ${i}`, policy: 'mtt', coach: 'c@x' },
    case: { atRisk: true, status: 'monitoring', rating: 'high', stage: null, stageName: null, reasons: ['x'], nextDeadline: null },
    overdue: i % 3 === 0,
  });

  test('a caseload of 500 learners: 20 shown and "and 480 more", in both renderers', () => {
    const card = caseloadCard(Array.from({ length: 500 }, (_, i) => item(i)));
    const message = toSlackMessage(card);
    expect(blockKitProblems(message, 'message')).toEqual([]);
    expect(JSON.stringify(message)).toContain('…and 480 more');
    const adaptive = toAdaptiveCard(card);
    expect(adaptiveCardProblems(adaptive)).toEqual([]);
    expect(JSON.stringify(adaptive)).toContain('…and 480 more');
  });

  test('text over 3,000 characters is clipped; a card with too many blocks says how many it left out', () => {
    const long = 'word '.repeat(2_000);
    const card: Card = { ...base, blocks: [{ kind: 'text', text: long }, ...Array.from({ length: 80 }, () => ({ kind: 'divider' as const }))] };
    const message = toSlackMessage(card);
    expect(blockKitProblems(message, 'message')).toEqual([]);
    expect(message.blocks).toHaveLength(50);
    expect(JSON.stringify(message.blocks.at(-1))).toContain('more blocks not shown');
  });

  test('an Adaptive Card stays under 80 KB', () => {
    const huge: Card = { ...base, blocks: Array.from({ length: 400 }, (_, i) => ({ kind: 'text' as const, text: `${i} ${'x'.repeat(500)}` })) };
    const adaptive = toAdaptiveCard(huge);
    expect(JSON.stringify(adaptive).length * 2).toBeLessThanOrEqual(ADAPTIVE_MAX_BYTES);
    expect(JSON.stringify(adaptive)).toMatch(/…and \d+ more parts not shown/);
    expect(adaptiveCardProblems(adaptive)).toEqual([]);
  });

  test('the size is counted as Teams counts it, in UTF-16: a card of 60 KB in UTF-8 (120 KB in UTF-16) is cut to fit', () => {
    const card: Card = { ...base, blocks: Array.from({ length: 110 }, (_, i) => ({ kind: 'text' as const, text: `${i} ${'x'.repeat(500)}` })) };
    const uncut = { type: 'AdaptiveCard', body: card.blocks.map((b) => ({ type: 'TextBlock', text: (b as { text: string }).text, wrap: true })) };
    expect(Buffer.byteLength(JSON.stringify(uncut), 'utf8')).toBeLessThan(ADAPTIVE_MAX_BYTES);
    const adaptive = toAdaptiveCard(card);
    expect(teamsSize(adaptive)).toBe(JSON.stringify(adaptive).length * 2);
    expect(teamsSize(adaptive)).toBeLessThanOrEqual(ADAPTIVE_MAX_BYTES);
    expect(teamsSize(adaptive)).toBeGreaterThan(ADAPTIVE_MAX_BYTES - 2_000);
    expect(JSON.stringify(adaptive)).toMatch(/…and \d+ more parts not shown/);
  });

  test('a modal title is at most 24 characters; select lists at most 100 options', () => {
    const many = Array.from({ length: 150 }, (_, i) => ({ stage: `stage-${i}`, label: `Stage ${i}`, approverName: null }));
    const modal = toSlackModal({ ...proposeStepForm(item(1).learner, many), title: 'A very long title for a Slack modal' });
    expect(blockKitProblems(modal, 'modal')).toEqual([]);
    expect((modal.title as { text: string }).text).toHaveLength(24);
  });

  test('forms with nothing to choose still render valid inputs', () => {
    for (const form of [proposeStepForm(item(1).learner, []), smtDecisionForm(item(1).learner, { id: 'smt-weekly', name: 'SMT', date: '2026-09-21' }, []), recordFactForm(item(1).learner, [])]) {
      expect(blockKitProblems(toSlackModal(form), 'modal')).toEqual([]);
      expect(adaptiveCardProblems(toAdaptiveDialog(form))).toEqual([]);
    }
  });
});

test('text from people cannot break Slack formatting or mention everyone', () => {
  const card = errorCard('<!channel> & <https://evil.example|click>');
  expect(JSON.stringify(toSlackMessage(card))).toContain('&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;');
});

describe('confidentiality', () => {
  const restricted = SAMPLE_INTENTS.find((i) => i.sensitivity === 'restricted')!;
  const secret = restricted.type === 'policy-notice' ? restricted.detail!.note! : '';

  test('the restricted detail is on the card for the safeguarding role', () => {
    expect(JSON.stringify(toSlackMessage(cardForIntent(restricted)))).toContain(secret);
    expect(JSON.stringify(toAdaptiveCard(cardForIntent(restricted)))).toContain(secret);
  });

  test('no card for a channel holds a restricted detail or a note', () => {
    const channelCards = SAMPLE_INTENTS.filter((i) => i.audience.kind !== 'direct').map((i) => cardForIntent(i));
    expect(channelCards.length).toBeGreaterThan(2);
    for (const card of channelCards) {
      for (const rendered of [toSlackMessage(card), toAdaptiveCard(card)]) {
        const text = JSON.stringify(rendered);
        expect(text).not.toContain(secret);
        expect(text).not.toContain('Mental health');
      }
    }
  });
});
