/**
 * Cards as Adaptive Cards 1.5 for Teams: buttons are `Action.Execute` (Universal Actions,
 * so a card can be refreshed in place after a decision), except those that open a form,
 * which are `Action.Submit` with `msteams.type: task/fetch` (only that opens a dialog),
 * and links to the web pages, which are `Action.OpenUrl`;
 * forms are dialog cards whose submit is `Action.Submit` (returned with task/submit). A message
 * card is kept under Teams' 80 KB; a longer one ends with "and N more".
 * https://adaptivecards.io/explorer/
 */
import { FORM_OPENING_VERBS, isLink, type Action, type Badge, type Block, type Card, type Fact, type Form, type Input, type Tone } from './card.js';
import { LIST_LIMIT, shown } from './text.js';

export const ADAPTIVE_VERSION = '1.5';
/** Teams' limit on a message with a card (bytes of the whole activity; the card must fit in it). */
export const ADAPTIVE_MAX_BYTES = 80 * 1024;

/**
 * A card's size as Teams counts it: its JSON in UTF-16, two bytes a code unit, so plain
 * ASCII counts double what UTF-8 would say (and an emoji four bytes, not UTF-8's four).
 */
export function teamsSize(json: object): number {
  return JSON.stringify(json).length * 2;
}
const SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

type Json = Record<string, unknown>;

export function toAdaptiveCard(card: Card): Json {
  const body = [
    { type: 'TextBlock', text: shownAsTyped(card.title), size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' },
    ...(card.badge ? [badgeBlock(card.badge)] : []),
    ...card.blocks.flatMap(element),
  ];
  const actions = (card.actions ?? []).map(execute);
  return fitBytes({ type: 'AdaptiveCard', $schema: SCHEMA, version: ADAPTIVE_VERSION, fallbackText: card.summary, msteams: { width: 'Full' }, body, ...(actions.length > 0 ? { actions } : {}) });
}

/** A form as the card of a Teams dialog (task module). */
export function toAdaptiveDialog(form: Form): Json {
  return {
    type: 'AdaptiveCard',
    $schema: SCHEMA,
    version: ADAPTIVE_VERSION,
    body: [{ type: 'TextBlock', text: shownAsTyped(form.title), size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' }, ...form.blocks.flatMap(element)],
    actions: [{ type: 'Action.Submit', title: form.submit.label, style: 'positive', data: { verb: form.submit.verb, ...form.submit.payload } }],
  };
}

function element(b: Block, index: number): Json[] {
  switch (b.kind) {
    case 'text':
      return [{ type: 'TextBlock', text: shownAsTyped(b.text), wrap: true, ...(b.muted ? { isSubtle: true, size: 'Small' } : {}) }];
    case 'facts':
      return b.facts.length > 0 ? [factSet(b.facts)] : [];
    case 'list': {
      const { items, more } = shown(b.items, b.limit ?? LIST_LIMIT);
      return [
        {
          type: 'Container',
          items: [
            ...(b.title ? [{ type: 'TextBlock', text: shownAsTyped(b.title), weight: 'Bolder', wrap: true }] : []),
            ...items.map((i) => ({ type: 'TextBlock', text: `• ${shownAsTyped(i)}`, wrap: true, spacing: 'Small' })),
            ...(more ? [{ type: 'TextBlock', text: more, isSubtle: true, wrap: true, spacing: 'Small' }] : []),
          ],
        },
      ];
    }
    case 'divider':
      return [{ type: 'Container', separator: true, spacing: 'Medium', items: [{ type: 'TextBlock', text: ' ', size: 'Small' }] }];
    case 'image':
      return [{ type: 'Image', url: b.url, altText: b.alt, size: 'Stretch' }];
    case 'section':
      return [
        {
          type: 'Container',
          id: `section-${index}`,
          style: 'emphasis',
          separator: true,
          items: [
            { type: 'TextBlock', text: shownAsTyped(b.title), weight: 'Bolder', wrap: true },
            ...(b.badge ? [badgeBlock(b.badge)] : []),
            ...(b.text ? [{ type: 'TextBlock', text: shownAsTyped(b.text), wrap: true }] : []),
            ...(b.facts && b.facts.length > 0 ? [factSet(b.facts)] : []),
            ...(b.actions && b.actions.length > 0 ? [{ type: 'ActionSet', actions: b.actions.map(execute) }] : []),
          ],
        },
      ];
    case 'input':
      return [input(b.input)];
  }
}

/**
 * Text as it was written, whatever Teams makes of markup: Teams reads `<learner>` in a
 * TextBlock as an HTML tag and drops it ("case : a case..."), so angle brackets are shown
 * as the look-alike single angle quotes (‹learner›), which no renderer takes for markup.
 */
export function shownAsTyped(text: string): string {
  return text.replace(/</g, '‹').replace(/>/g, '›');
}

function factSet(facts: readonly Fact[]): Json {
  return { type: 'FactSet', facts: facts.map((f) => ({ title: shownAsTyped(f.label), value: shownAsTyped(f.value) })) };
}

const COLOR: Record<Tone, string> = { good: 'Good', warning: 'Warning', attention: 'Attention', accent: 'Accent', neutral: 'Default' };

function badgeBlock(b: Badge): Json {
  return { type: 'TextBlock', text: shownAsTyped(b.text), color: COLOR[b.tone], weight: 'Bolder', wrap: true, spacing: 'Small' };
}

function execute(a: Action): Json {
  if (isLink(a)) return { type: 'Action.OpenUrl', title: a.label, url: a.url, ...style(a) };
  if (FORM_OPENING_VERBS.includes(a.verb)) {
    // Teams opens a dialog from a task/fetch submit; Action.Execute cannot open one.
    return { type: 'Action.Submit', title: a.label, data: { msteams: { type: 'task/fetch' }, verb: a.verb, ...a.payload }, ...style(a) };
  }
  return {
    type: 'Action.Execute',
    title: a.label,
    verb: a.verb,
    data: a.payload,
    // Inputs on the same card (an approval's comment) go with the button.
    associatedInputs: 'auto',
    ...style(a),
  };
}

function style(a: Action): Json {
  return a.style ? { style: a.style === 'primary' ? 'positive' : 'destructive' } : {};
}

function input(i: Input): Json {
  const required = 'required' in i && i.required ? { isRequired: true, errorMessage: `${i.label} is required` } : {};
  switch (i.kind) {
    case 'text':
      return {
        type: 'Input.Text',
        id: i.id,
        label: i.label,
        isMultiline: i.multiline ?? false,
        ...(i.maxLength ? { maxLength: i.maxLength } : {}),
        ...(i.placeholder ? { placeholder: i.placeholder } : {}),
        ...required,
      };
    case 'choice':
      return {
        type: 'Input.ChoiceSet',
        id: i.id,
        label: i.label,
        style: 'compact',
        choices: i.options.map((o) => ({ title: o.label, value: o.value })),
        ...(i.initial ? { value: i.initial } : {}),
        ...required,
      };
    case 'date':
      return { type: 'Input.Date', id: i.id, label: i.label, ...(i.initial ? { value: i.initial } : {}), ...required };
    case 'toggle':
      return { type: 'Input.Toggle', id: i.id, title: i.label, valueOn: 'true', valueOff: 'false', value: i.initial ? 'true' : 'false' };
  }
}

/** Under the size limit: drops body elements from the end, saying how many. */
function fitBytes(card: Json): Json {
  const size = teamsSize;
  if (size(card) <= ADAPTIVE_MAX_BYTES) return card;
  const body = [...(card.body as Json[])];
  let dropped = 0;
  const note = () => ({ type: 'TextBlock', text: `…and ${dropped} more parts not shown: open the case in Waymark for all of it`, isSubtle: true, wrap: true });
  while (body.length > 1 && size({ ...card, body: [...body, note()] }) > ADAPTIVE_MAX_BYTES) {
    body.pop();
    dropped++;
  }
  return { ...card, body: [...body, note()] };
}
