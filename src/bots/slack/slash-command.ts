/**
 * `/waymark <subcommand>`: acknowledged at once, then parsed with the parser Teams shares
 * and answered privately. The work runs in the bounded work queue; when it is full the
 * acknowledgement itself tells the person Waymark is busy (and nothing is recorded). Mentions arrive escaped (`<@U123|ana>`, the manifest asks for
 * it) and are looked up in the staff directory.
 */
import type { App } from '@slack/bolt';
import { toSlackMessage } from '../../cards/block-kit.js';
import { errorCard } from '../../cards/catalogue/query-cards.js';
import { parseChatCommand } from '../chat-command.js';
import { answerCommand, type ChatDeps } from '../conversation.js';
import { busyMessage, safely, sendReply, staffOf } from './slack-replies.js';

export const SLASH_COMMAND = '/waymark';

export function registerSlashCommand(app: App, chat: ChatDeps, log: (line: string) => void): void {
  app.command(SLASH_COMMAND, async ({ command, ack, respond, client }) => {
    // The work is offered before the ack, so a full queue is answered in the ack itself
    // (one request fewer for a process that is already too busy).
    const accepted = chat.work.offer(() => safely(log, respond, async () => {
      const parsed = parseChatCommand(command.text ?? '');
      if (!parsed.ok) {
        await respond({ response_type: 'ephemeral', ...toSlackMessage(errorCard(parsed.message, 'usage')) });
        return;
      }
      const staff = await staffOf(chat.ctx.store, command.user_id, respond);
      if (!staff) return;
      const reply = await answerCommand(chat, staff, parsed.command, {
        conversation: command.channel_id,
        // A retried delivery of the same command carries the same trigger id.
        key: `slack:command:${command.trigger_id}`,
        resolvePerson: async (typed) => {
          const mention = /^<@([A-Z0-9_-]+)(?:\|[^>]*)?>$/.exec(typed.trim());
          if (mention) return (await chat.ctx.store.staffByChatId('slack', mention[1]!))?.id ?? null;
          return (await chat.ctx.store.getStaff(typed.trim().toLowerCase()))?.id ?? null;
        },
      });
      await sendReply(reply, { respond, client, triggerId: command.trigger_id });
    }));
    await ack(accepted ? undefined : busyMessage());
  });
}
