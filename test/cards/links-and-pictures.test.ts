/**
 * Link buttons and pictures in both renderers: a link is a Slack button with `url` (and an
 * action_id the adapter only acknowledges) and an Adaptive `Action.OpenUrl`; a picture is a
 * Slack `image` block and an Adaptive `Image`, each with its words. The checks catch what
 * Slack would refuse (no words, an address that is not http(s), one too long), and no card
 * for a channel carries a link (a link is signed for one person).
 */
import { toAdaptiveCard } from '../../src/cards/adaptive.js';
import { adaptiveCardProblems } from '../../src/cards/adaptive-check.js';
import { BLOCK_KIT_LIMITS, LINK_ACTION_PREFIX, toSlackMessage } from '../../src/cards/block-kit.js';
import { blockKitProblems } from '../../src/cards/block-kit-check.js';
import { isLink, type Card } from '../../src/cards/card.js';
import { cardForIntent } from '../../src/cards/catalogue/intent-cards.js';
import { meetingDigestCard } from '../../src/cards/catalogue/digests.js';
import { registerLinkCard } from '../../src/cards/catalogue/web-links.js';
import { SAMPLE_INTENTS } from '../../src/cards/samples.js';
import type { Intent } from '../../src/cases/intents.js';

const REGISTER = 'https://waymark.example.ac.uk/web/ann%40example.org/register?t=abc.def';
const CHARTS = 'https://waymark.example.ac.uk/web/ann%40example.org/charts?t=abc.def';
const digest = SAMPLE_INTENTS.find((i): i is Extract<Intent, { type: 'meeting-digest' }> => i.type === 'meeting-digest')!;
const picture = (name: string) => `https://waymark.example.ac.uk/web/pictures/${name}.png?t=pic`;

test('a link card: Slack buttons with the url and no value; Adaptive Action.OpenUrl; both sound', () => {
  const card = registerLinkCard({ register: REGISTER, charts: CHARTS }, 15, 'Type /waymark register for a new one.');
  const slack = toSlackMessage(card);
  expect(blockKitProblems(slack, 'message')).toEqual([]);
  const actions = slack.blocks.find((b) => b.type === 'actions') as { elements: Record<string, unknown>[] };
  expect(actions.elements).toEqual([
    { type: 'button', action_id: `${LINK_ACTION_PREFIX}0`, text: { type: 'plain_text', text: 'Open the at-risk register', emoji: true }, url: REGISTER, style: 'primary' },
    { type: 'button', action_id: `${LINK_ACTION_PREFIX}1`, text: { type: 'plain_text', text: 'Charts', emoji: true }, url: CHARTS },
  ]);
  const adaptive = toAdaptiveCard(card);
  expect(adaptiveCardProblems(adaptive)).toEqual([]);
  expect(adaptive.actions).toEqual([
    { type: 'Action.OpenUrl', title: 'Open the at-risk register', url: REGISTER, style: 'positive' },
    { type: 'Action.OpenUrl', title: 'Charts', url: CHARTS },
  ]);
  expect(JSON.stringify(slack)).toContain('works for 15 minutes: do not pass it on. Type /waymark register for a new one.');
});

test('the digest with its chart: a Slack image block and an Adaptive Image, first, each with its words', () => {
  const card = meetingDigestCard(digest, picture);
  const url = picture('digest-creative-alliance-2026-09-21');
  const slack = toSlackMessage(card);
  expect(blockKitProblems(slack, 'message')).toEqual([]);
  // After the header and the badge.
  expect(slack.blocks[2]).toEqual({ type: 'image', image_url: url, alt_text: digest.chart!.alt });
  expect(slack.blocks.filter((b) => b.type === 'image')).toHaveLength(1);
  const adaptive = toAdaptiveCard(card);
  expect(adaptiveCardProblems(adaptive)).toEqual([]);
  expect((adaptive.body as object[])[2]).toEqual({ type: 'Image', url, altText: digest.chart!.alt, size: 'Stretch' });
  // Its one card-level button asks for a register link; it is no link itself.
  expect(card.actions).toEqual([{ verb: 'open-register', label: 'Register', payload: { policy: 'creative-alliance', meeting: 'smt-weekly', date: '2026-09-21' } }]);
});

test('the digest without an address for its picture (no web pages), or without a chart: no picture', () => {
  for (const card of [meetingDigestCard(digest, () => null), meetingDigestCard(digest), meetingDigestCard({ ...digest, chart: undefined } as never, picture)]) {
    expect(card.blocks.filter((b) => b.kind === 'image')).toEqual([]);
    expect(JSON.stringify(toSlackMessage(card))).not.toContain('"type":"image"');
    expect(JSON.stringify(toAdaptiveCard(card))).not.toContain('"type":"Image"');
  }
});

test('a picture address too long for Slack leaves the words instead; the Block Kit check would have refused it', () => {
  const long = `https://waymark.example.ac.uk/${'x'.repeat(BLOCK_KIT_LIMITS.imageUrl)}`;
  const card: Card = { name: 'x', title: 'Chart', blocks: [{ kind: 'image', url: long, alt: 'Two at risk this week' }], summary: 'Chart' };
  const slack = toSlackMessage(card);
  expect(slack.blocks.filter((b) => b.type === 'image')).toEqual([]);
  expect(JSON.stringify(slack.blocks.at(-1))).toContain('Two at risk this week');
  expect(blockKitProblems(slack, 'message')).toEqual([]);
  expect(blockKitProblems({ blocks: [{ type: 'image', image_url: long, alt_text: 'Two' }] }, 'message')).toEqual([`blocks[0].image_url: ${long.length} characters; at most ${BLOCK_KIT_LIMITS.imageUrl}`]);
});

test('the Block Kit check refuses a picture without words or at an address Slack cannot fetch, and a link that is not a web address', () => {
  expect(blockKitProblems({ blocks: [{ type: 'image', image_url: 'https://a.example/x.png', alt_text: '' }] }, 'message')).toEqual(['blocks[0].alt_text: a picture needs its words']);
  expect(blockKitProblems({ blocks: [{ type: 'image', image_url: 'file:///etc/passwd', alt_text: 'x' }] }, 'message')).toEqual(['blocks[0].image_url: must be an http:// or https:// address']);
  expect(blockKitProblems({ blocks: [{ type: 'image', alt_text: 'x' }] }, 'message')).toEqual(['blocks[0].image_url: must be an http:// or https:// address']);
  expect(blockKitProblems({ blocks: [{ type: 'image', image_url: 'http://localhost:3000/x.png', alt_text: 'x'.repeat(BLOCK_KIT_LIMITS.altText + 1) }] }, 'message')).toEqual([
    `blocks[0].alt_text: ${BLOCK_KIT_LIMITS.altText + 1} characters; at most ${BLOCK_KIT_LIMITS.altText}`,
  ]);
  const button = (url: string) => ({ blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: 'waymark-link.0', text: { type: 'plain_text', text: 'Open' }, url }] }] });
  expect(blockKitProblems(button('javascript:alert(1)'), 'message')).toEqual(['blocks[0].elements[0].url: must be an http:// or https:// address']);
  expect(blockKitProblems(button(REGISTER), 'message')).toEqual([]);
});

test('no card for a channel carries a link: each is signed for one person, so channels get buttons that ask for one', () => {
  const channelCards = SAMPLE_INTENTS.filter((i) => i.audience.kind !== 'direct').map((i) => cardForIntent(i, picture));
  expect(channelCards.map((c) => c.name)).toEqual(expect.arrayContaining(['at-risk-alert', 'meeting-digest']));
  for (const card of channelCards) {
    const actions = [...(card.actions ?? []), ...card.blocks.flatMap((b) => (b.kind === 'section' ? (b.actions ?? []) : []))];
    expect(actions.filter(isLink)).toEqual([]);
    expect(JSON.stringify(toSlackMessage(card))).not.toMatch(/\/web\/(?!pictures\/)/);
  }
});
