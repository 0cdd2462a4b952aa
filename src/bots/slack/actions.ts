/**
 * Every button on a Waymark card (action_id `waymark.<verb>`, the ids in its value): acked
 * at once, then answered from the work queue (or told Waymark is busy). A click's key is derived from who clicked what on which message,
 * so a double click or twenty identical clicks record once. A click in App Home has no
 * response_url: its answer goes to the person's DM with Waymark. A link button's click
 * (`waymark-link.<n>`: Slack opens the page itself) is only acknowledged.
 */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTION_PREFIX, LINK_ACTION_PREFIX } from '../../cards/block-kit.js';
import type { Payload, Verb } from '../../cards/card.js';
import { COMMENT_INPUT } from '../../cards/catalogue/approvals.js';
import { answerAction, type ChatDeps } from '../conversation.js';
import { afterAck, directMessage, sendReply, staffOf } from './slack-replies.js';

const prefixed = (prefix: string) => new RegExp(`^${prefix.replace(/[.-]/g, '\\$&')}`);

export function registerActions(app: App, chat: ChatDeps, log: (line: string) => void): void {
  app.action(prefixed(LINK_ACTION_PREFIX), async ({ ack }) => {
    await ack();
  });
  app.action<BlockAction<ButtonAction>>(prefixed(ACTION_PREFIX), async ({ ack, body, action, respond: viaResponseUrl, client }) => {
    await ack();
    // Bolt gives no respond() without a response_url (a click in App Home).
    const respond = (viaResponseUrl as typeof viaResponseUrl | undefined) ?? directMessage(client, body.user.id);
    await afterAck(chat, log, respond, async () => {
      const verb = action.action_id.slice(ACTION_PREFIX.length) as Verb;
      const payload = parsePayload(action.value);
      const staff = await staffOf(chat.ctx.store, body.user.id, respond);
      if (!staff) return;
      const where = body.container?.message_ts ?? body.container?.view_id ?? '';
      const key = `slack:click:${body.user.id}:${verb}:${payload.learner ?? ''}:${payload.proposal ?? ''}:${where}`;
      const comment = (body.state?.values?.[COMMENT_INPUT]?.[COMMENT_INPUT]?.value ?? undefined) || undefined;
      const reply = await answerAction(chat, staff, verb, payload, comment ? { comment } : {}, key);
      await sendReply(reply, { respond, client, triggerId: body.trigger_id });
    });
  });
}

function parsePayload(value: string | undefined): Payload {
  try {
    const parsed: unknown = JSON.parse(value ?? '{}');
    if (typeof parsed !== 'object' || parsed === null) return {};
    const p = parsed as Record<string, unknown>;
    const pick = (k: string) => (typeof p[k] === 'string' ? { [k]: p[k] } : {});
    return { ...pick('learner'), ...pick('proposal'), ...pick('meeting'), ...pick('policy'), ...pick('date') };
  } catch {
    return {};
  }
}
