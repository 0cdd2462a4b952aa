/**
 * Checks a Block Kit payload against the limits Slack documents, so a message, modal or
 * App Home is never rejected (invalid_blocks) in production. An empty list means it fits.
 * https://api.slack.com/reference/block-kit/blocks and .../composition-objects
 */
import { BLOCK_KIT_LIMITS as L } from './block-kit.js';

type Json = Record<string, unknown>;
export type Surface = 'message' | 'modal' | 'home';

const KNOWN_BLOCKS = new Set(['header', 'section', 'context', 'divider', 'actions', 'input', 'image']);

/** Slack fetches pictures and opens links only at these. */
const WEB_ADDRESS = /^https?:\/\/[^\s]+$/;

export function blockKitProblems(payload: { readonly blocks?: unknown }, surface: Surface): string[] {
  const fields = payload as Json;
  const problems: string[] = [];
  const blocks = (payload.blocks ?? []) as Json[];
  const max = surface === 'message' ? L.messageBlocks : L.surfaceBlocks;
  if (blocks.length > max) problems.push(`${blocks.length} blocks; a ${surface} allows ${max}`);
  if (surface === 'modal') {
    for (const key of ['title', 'submit', 'close']) {
      const text = (fields[key] as Json | undefined)?.text;
      if (typeof text === 'string' && text.length > L.modalTitle) problems.push(`modal ${key} is ${text.length} characters; at most ${L.modalTitle}`);
    }
    if (typeof fields.private_metadata === 'string' && fields.private_metadata.length > L.privateMetadata) problems.push('private_metadata is too long');
  }
  blocks.forEach((b, i) => problems.push(...blockProblems(b, `blocks[${i}]`)));
  return problems;
}

function blockProblems(b: Json, at: string): string[] {
  const out: string[] = [];
  const text = (value: unknown, max: number, where: string) => {
    const t = (value as Json | undefined)?.text;
    if (typeof t !== 'string' || t.length === 0) out.push(`${where}: text must be a non-empty string`);
    else if (t.length > max) out.push(`${where}: ${t.length} characters; at most ${max}`);
  };
  const id = (value: unknown, where: string) => {
    if (typeof value === 'string' && value.length > L.actionId) out.push(`${where}: ${value.length} characters; at most ${L.actionId}`);
  };
  const address = (value: unknown, max: number, where: string) => {
    if (typeof value !== 'string' || !WEB_ADDRESS.test(value)) out.push(`${where}: must be an http:// or https:// address`);
    else if (value.length > max) out.push(`${where}: ${value.length} characters; at most ${max}`);
  };
  if (!KNOWN_BLOCKS.has(b.type as string)) out.push(`${at}: unknown block type ${String(b.type)}`);
  id(b.block_id, `${at}.block_id`);
  switch (b.type) {
    case 'header':
      text(b.text, L.header, `${at}.text`);
      break;
    case 'section': {
      if (b.text === undefined && b.fields === undefined) out.push(`${at}: a section needs text or fields`);
      if (b.text !== undefined) text(b.text, L.text, `${at}.text`);
      const fields = (b.fields ?? []) as Json[];
      if (fields.length > L.fieldsPerSection) out.push(`${at}.fields: ${fields.length}; at most ${L.fieldsPerSection}`);
      fields.forEach((f, j) => text(f, L.field, `${at}.fields[${j}]`));
      break;
    }
    case 'context':
      ((b.elements ?? []) as Json[]).forEach((e, j) => text(e, L.text, `${at}.elements[${j}]`));
      break;
    case 'actions': {
      const elements = (b.elements ?? []) as Json[];
      if (elements.length === 0 || elements.length > L.elementsPerActions) out.push(`${at}.elements: ${elements.length}; 1 to ${L.elementsPerActions}`);
      elements.forEach((e, j) => {
        text(e.text, L.buttonText, `${at}.elements[${j}].text`);
        id(e.action_id, `${at}.elements[${j}].action_id`);
        if (typeof e.value === 'string' && e.value.length > L.value) out.push(`${at}.elements[${j}].value: too long`);
        if (e.url !== undefined) address(e.url, L.url, `${at}.elements[${j}].url`);
      });
      break;
    }
    case 'image': {
      address(b.image_url, L.imageUrl, `${at}.image_url`);
      const alt = b.alt_text;
      if (typeof alt !== 'string' || alt.length === 0) out.push(`${at}.alt_text: a picture needs its words`);
      else if (alt.length > L.altText) out.push(`${at}.alt_text: ${alt.length} characters; at most ${L.altText}`);
      break;
    }
    case 'input': {
      text(b.label, L.label, `${at}.label`);
      const element = (b.element ?? {}) as Json;
      id(element.action_id, `${at}.element.action_id`);
      const options = (element.options ?? []) as Json[];
      if (options.length > L.options) out.push(`${at}.element.options: ${options.length}; at most ${L.options}`);
      if (element.type === 'static_select' && options.length === 0) out.push(`${at}.element.options: a select needs at least one option`);
      options.forEach((o, j) => {
        text(o.text, L.optionText, `${at}.element.options[${j}].text`);
        if (typeof o.value === 'string' && o.value.length > L.optionValue) out.push(`${at}.element.options[${j}].value: too long`);
      });
      break;
    }
  }
  return out;
}
