/**
 * Cards as Slack Block Kit: messages (at most 50 blocks), modals and the App Home (at most
 * 100). Every limit Slack documents is kept by construction: text is clipped, long lists
 * and long cards end with "and N more", so a payload is never rejected for its size.
 * https://api.slack.com/reference/block-kit/blocks
 */
import { isLink, type Action, type Badge, type Block, type Card, type Fact, type Form, type Input, type Payload, type Tone } from './card.js';
import { clip, LIST_LIMIT, shown } from './text.js';

export const BLOCK_KIT_LIMITS = {
  messageBlocks: 50,
  surfaceBlocks: 100,
  text: 3000,
  header: 150,
  field: 2000,
  fieldsPerSection: 10,
  buttonText: 75,
  actionId: 255,
  value: 2000,
  url: 3000,
  imageUrl: 3000,
  altText: 2000,
  elementsPerActions: 25,
  options: 100,
  optionText: 75,
  optionValue: 150,
  modalTitle: 24,
  privateMetadata: 3000,
  label: 2000,
  placeholder: 150,
} as const;

type Json = Record<string, unknown>;

/** The prefix of every action_id Waymark posts, so the Slack adapter routes them. */
export const ACTION_PREFIX = 'waymark.';

/**
 * The prefix of a link button's action_id. Slack opens the page itself but still sends the
 * click, which the adapter only acknowledges.
 */
export const LINK_ACTION_PREFIX = 'waymark-link.';

export interface SlackMessage {
  readonly text: string;
  readonly blocks: Json[];
}

export function toSlackMessage(card: Card): SlackMessage {
  return { text: clip(card.summary, BLOCK_KIT_LIMITS.text), blocks: fit(cardBlocks(card), BLOCK_KIT_LIMITS.messageBlocks) };
}

export function toSlackModal(form: Form): Json {
  return {
    type: 'modal',
    callback_id: `${ACTION_PREFIX}${form.submit.verb}`,
    private_metadata: clip(JSON.stringify(form.submit.payload), BLOCK_KIT_LIMITS.privateMetadata),
    title: plain(clip(form.title, BLOCK_KIT_LIMITS.modalTitle)),
    submit: plain(clip(form.submit.label, BLOCK_KIT_LIMITS.modalTitle)),
    close: plain('Cancel'),
    blocks: fit(form.blocks.flatMap(block), BLOCK_KIT_LIMITS.surfaceBlocks),
  };
}

/** The App Home: the cards one after another, divided. */
export function toSlackHome(cards: readonly Card[]): Json {
  const blocks = cards.flatMap((card, i) => [...(i > 0 ? [{ type: 'divider' }] : []), ...cardBlocks(card)]);
  return { type: 'home', blocks: fit(blocks, BLOCK_KIT_LIMITS.surfaceBlocks) };
}

function cardBlocks(card: Card): Json[] {
  return [
    { type: 'header', text: plain(clip(card.title, BLOCK_KIT_LIMITS.header)) },
    ...(card.badge ? [badgeBlock(card.badge)] : []),
    ...card.blocks.flatMap(block),
    ...(card.actions && card.actions.length > 0 ? [actionsBlock(card.actions, 'actions')] : []),
  ];
}

function block(b: Block, index: number): Json[] {
  switch (b.kind) {
    case 'text':
      return b.muted ? [{ type: 'context', elements: [mrkdwn(clip(escape(b.text), BLOCK_KIT_LIMITS.text))] }] : [section(escape(b.text))];
    case 'facts':
      return factSections(b.facts);
    case 'list': {
      const { items, more } = shown(b.items, b.limit ?? LIST_LIMIT);
      const lines = [...(b.title ? [`*${escape(b.title)}*`] : []), ...items.map((i) => `• ${escape(i)}`), ...(more ? [`_${more}_`] : [])];
      return [section(lines.join('\n'))];
    }
    case 'divider':
      return [{ type: 'divider' }];
    case 'image':
      // An address cannot be clipped: one too long for Slack leaves the words of the picture.
      if (b.url.length > BLOCK_KIT_LIMITS.imageUrl) return [{ type: 'context', elements: [mrkdwn(clip(escape(b.alt), BLOCK_KIT_LIMITS.text))] }];
      return [{ type: 'image', image_url: b.url, alt_text: clip(b.alt, BLOCK_KIT_LIMITS.altText) }];
    case 'section': {
      const head = `*${escape(b.title)}*${b.badge ? `  ${badgeText(b.badge)}` : ''}${b.text ? `\n${escape(b.text)}` : ''}`;
      return [
        section(head, b.facts),
        ...(b.actions && b.actions.length > 0 ? [actionsBlock(b.actions, `section-${index}`)] : []),
      ];
    }
    case 'input':
      return [inputBlock(b.input)];
  }
}

function section(text: string, facts?: readonly Fact[]): Json {
  return {
    type: 'section',
    text: mrkdwn(clip(text, BLOCK_KIT_LIMITS.text)),
    ...(facts && facts.length > 0 ? { fields: facts.slice(0, BLOCK_KIT_LIMITS.fieldsPerSection).map(field) } : {}),
  };
}

/** Facts as section fields, ten to a section. */
function factSections(facts: readonly Fact[]): Json[] {
  const out: Json[] = [];
  for (let i = 0; i < facts.length; i += BLOCK_KIT_LIMITS.fieldsPerSection) {
    out.push({ type: 'section', fields: facts.slice(i, i + BLOCK_KIT_LIMITS.fieldsPerSection).map(field) });
  }
  return out;
}

function field(f: Fact): Json {
  return mrkdwn(clip(`*${escape(f.label)}*\n${escape(f.value)}`, BLOCK_KIT_LIMITS.field));
}

function actionsBlock(actions: readonly Action[], blockId: string): Json {
  return { type: 'actions', block_id: blockId, elements: actions.slice(0, BLOCK_KIT_LIMITS.elementsPerActions).map(button) };
}

function button(a: Action, index: number): Json {
  if (isLink(a)) {
    if (a.url.length > BLOCK_KIT_LIMITS.url) throw new Error(`a link of ${a.url.length} characters is over Slack's ${BLOCK_KIT_LIMITS.url}`);
    return { type: 'button', action_id: `${LINK_ACTION_PREFIX}${index}`, text: plain(clip(a.label, BLOCK_KIT_LIMITS.buttonText)), url: a.url, ...(a.style ? { style: a.style } : {}) };
  }
  return {
    type: 'button',
    action_id: clip(`${ACTION_PREFIX}${a.verb}`, BLOCK_KIT_LIMITS.actionId),
    text: plain(clip(a.label, BLOCK_KIT_LIMITS.buttonText)),
    value: encodePayload(a.payload),
    ...(a.style ? { style: a.style } : {}),
  };
}

/** A payload as a button's value: compact JSON of the ids it needs. */
export function encodePayload(payload: Payload): string {
  const value = JSON.stringify(payload);
  if (value.length > BLOCK_KIT_LIMITS.value) throw new Error(`an action payload of ${value.length} characters is over Slack's ${BLOCK_KIT_LIMITS.value}`);
  return value;
}

function inputBlock(input: Input): Json {
  const base = { type: 'input', block_id: input.id, label: plain(clip(input.label, BLOCK_KIT_LIMITS.label)) };
  switch (input.kind) {
    case 'text':
      return {
        ...base,
        optional: !input.required,
        element: {
          type: 'plain_text_input',
          action_id: input.id,
          multiline: input.multiline ?? false,
          ...(input.maxLength ? { max_length: input.maxLength } : {}),
          ...(input.placeholder ? { placeholder: plain(clip(input.placeholder, BLOCK_KIT_LIMITS.placeholder)) } : {}),
        },
      };
    case 'choice': {
      const options = input.options.slice(0, BLOCK_KIT_LIMITS.options).map((o) => ({
        text: plain(clip(o.label, BLOCK_KIT_LIMITS.optionText)),
        value: clip(o.value, BLOCK_KIT_LIMITS.optionValue),
      }));
      const initial = options.find((o) => o.value === input.initial);
      return { ...base, optional: !input.required, element: { type: 'static_select', action_id: input.id, options, ...(initial ? { initial_option: initial } : {}) } };
    }
    case 'date':
      return { ...base, optional: !input.required, element: { type: 'datepicker', action_id: input.id, ...(input.initial ? { initial_date: input.initial } : {}) } };
    case 'toggle': {
      const option = { text: plain(clip(input.label, BLOCK_KIT_LIMITS.optionText)), value: 'true' };
      return { ...base, optional: true, element: { type: 'checkboxes', action_id: input.id, options: [option], ...(input.initial ? { initial_options: [option] } : {}) } };
    }
  }
}

const EMOJI: Record<Tone, string> = { good: ':large_green_circle:', warning: ':large_orange_circle:', attention: ':red_circle:', accent: ':large_blue_circle:', neutral: ':white_circle:' };

function badgeText(b: Badge): string {
  return `${EMOJI[b.tone]} *${escape(b.text)}*`;
}

function badgeBlock(b: Badge): Json {
  return { type: 'context', elements: [mrkdwn(badgeText(b))] };
}

/** At most `max` blocks: a longer card keeps its head and says how much it left out. */
function fit(blocks: Json[], max: number): Json[] {
  if (blocks.length <= max) return blocks;
  const kept = blocks.slice(0, max - 1);
  return [...kept, { type: 'context', elements: [mrkdwn(`_…and ${blocks.length - kept.length} more blocks not shown: open the case in Waymark for all of it_`)] }];
}

function plain(text: string): Json {
  return { type: 'plain_text', text, emoji: true };
}

function mrkdwn(text: string): Json {
  return { type: 'mrkdwn', text };
}

/** Slack's mrkdwn control characters, escaped in text that came from people or packs. */
export function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
