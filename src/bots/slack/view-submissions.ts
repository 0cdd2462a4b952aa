/**
 * Modal submissions (callback_id `waymark.submit-*`): the command runs before the ack, so
 * a refusal shows on the form's field and a closed modal means it is stored. It waits its
 * turn in the work queue; when the queue is full the modal stays open, still filled in,
 * saying Waymark is busy. The modal's
 * view id is the idempotency key: a double submit records once.
 */
import type { App, ViewStateValue } from '@slack/bolt';
import { ACTION_PREFIX } from '../../cards/block-kit.js';
import type { FormVerb, Payload } from '../../cards/card.js';
import { toSlackMessage } from '../../cards/block-kit.js';
import { answerSubmission, BUSY, NOT_CONFIRMED, type ChatDeps } from '../conversation.js';
import type { FormValues } from '../form-values.js';

export function registerViewSubmissions(app: App, chat: ChatDeps, log: (line: string) => void): void {
  app.view(new RegExp(`^${ACTION_PREFIX.replace('.', '\\.')}submit-`), async ({ ack, body, view, client }) => {
    const verb = view.callback_id.slice(ACTION_PREFIX.length) as FormVerb;
    const staff = await chat.ctx.store.staffByChatId('slack', body.user.id);
    if (!staff) {
      await ack({ response_action: 'errors', errors: { [firstBlock(view.blocks)]: 'Waymark does not know you yet: ask an admin to add you to the staff directory.' } });
      return;
    }
    const running = chat.work.run(() => answerSubmission(chat, staff, verb, payloadOf(view.private_metadata), valuesOf(view.state.values), `slack:view:${view.id}`));
    if (!running) {
      await ack({ response_action: 'errors', errors: { [firstBlock(view.blocks)]: BUSY } });
      return;
    }
    let answer;
    try {
      answer = await running;
    } catch (error) {
      log(`slack: ${error instanceof Error ? error.message : String(error)}`);
      await ack({ response_action: 'errors', errors: { [firstBlock(view.blocks)]: NOT_CONFIRMED } });
      return;
    }
    if (!answer.ok) {
      const blocks = new Set(view.blocks.map((b) => b.block_id));
      const errors = Object.fromEntries(Object.entries(answer.errors).map(([field, message]) => [blocks.has(field) ? field : firstBlock(view.blocks), message]));
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    if (answer.reply.kind === 'card') {
      await client.chat.postMessage({ channel: body.user.id, ...toSlackMessage(answer.reply.card) }).catch((e: Error) => log(`slack: confirmation not sent: ${e.message}`));
    }
  });
}

function payloadOf(metadata: string): Payload {
  try {
    const p = JSON.parse(metadata || '{}') as Record<string, unknown>;
    return Object.fromEntries(['learner', 'proposal', 'meeting', 'date'].filter((k) => typeof p[k] === 'string').map((k) => [k, p[k]])) as Payload;
  } catch {
    return {};
  }
}

/** Slack's state.values (block id -> action id -> value) as input id -> value. */
function valuesOf(values: Record<string, Record<string, ViewStateValue>>): FormValues {
  const out: Record<string, string | boolean | undefined> = {};
  for (const [blockId, actions] of Object.entries(values)) {
    const v = Object.values(actions)[0];
    if (!v) continue;
    if (v.type === 'checkboxes') out[blockId] = (v.selected_options ?? []).length > 0;
    else if (v.type === 'static_select') out[blockId] = v.selected_option?.value ?? undefined;
    else if (v.type === 'datepicker') out[blockId] = v.selected_date ?? undefined;
    else out[blockId] = v.value ?? undefined;
  }
  return out;
}

function firstBlock(blocks: readonly { type: string; block_id?: string }[]): string {
  return blocks.find((b) => b.type === 'input')?.block_id ?? blocks[0]?.block_id ?? 'step';
}
