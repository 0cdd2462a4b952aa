/**
 * Turning a conversation Reply into Slack: a private card is an ephemeral response, a form
 * opens as a modal on the request's trigger_id, and a person Waymark does not know is told
 * how to be added. Shared by the slash command, the buttons and App Home.
 */
import type { WebClient } from '@slack/web-api';
import type { StaffRecord } from '../../store/records.js';
import type { Store } from '../../store/store.js';
import { toSlackMessage, toSlackModal, type SlackMessage } from '../../cards/block-kit.js';
import { errorCard } from '../../cards/catalogue/query-cards.js';
import { busyCard, NOT_CONFIRMED, type ChatDeps, type Reply } from '../conversation.js';

/**
 * Where the answer to a request goes: Bolt's respond() (its response_url), or for a request
 * without one (a click in App Home) the person's DM with Waymark (directMessage).
 */
export type Respond = (message: { response_type: 'ephemeral' | 'in_channel'; replace_original?: boolean } & SlackMessage) => Promise<unknown>;

export async function sendReply(reply: Reply, to: { respond: Respond; client: WebClient; triggerId?: string | undefined }): Promise<void> {
  switch (reply.kind) {
    case 'nothing':
      return;
    case 'card':
      await to.respond({ response_type: reply.private ? 'ephemeral' : 'in_channel', replace_original: false, ...toSlackMessage(reply.card) });
      return;
    case 'form':
      if (!to.triggerId) {
        await to.respond({ response_type: 'ephemeral', ...toSlackMessage(errorCard('This form cannot open here; try the command again.')) });
        return;
      }
      await to.client.views.open({ trigger_id: to.triggerId, view: toSlackModal(reply.form) as never });
      return;
  }
}

/** Answers by DM (chat.postMessage to the user opens their chat with Waymark): private either way. */
export function directMessage(client: WebClient, slackUserId: string): Respond {
  return (message) => client.chat.postMessage({ channel: slackUserId, text: message.text, blocks: message.blocks as never, unfurl_links: false });
}

/** The staff member behind a Slack user, or null (and they are told how to be added). */
export async function staffOf(store: Store, slackUserId: string, respond: Respond): Promise<StaffRecord | null> {
  const staff = await store.staffByChatId('slack', slackUserId);
  if (staff) return staff;
  const message = `Waymark does not know you yet: ask an admin to add you to the staff directory with your Slack id ${slackUserId}.`;
  await respond({ response_type: 'ephemeral', ...toSlackMessage(errorCard(message, 'unknown-staff')) });
  return null;
}

/**
 * Hands a listener's work, after the ack, to the work queue; when the queue is full the
 * person is told at once that Waymark is busy. Either way they hear back.
 */
export async function afterAck(chat: ChatDeps, log: (line: string) => void, respond: Respond, work: () => Promise<void>): Promise<void> {
  if (chat.work.offer(() => safely(log, respond, work))) return;
  await respond(busyMessage()).catch((error: Error) => log(`slack: busy answer not sent: ${error.message}`));
}

/** "Waymark is busy", privately: for respond(), or a slash command's acknowledgement. */
export const busyMessage = () => ({ response_type: 'ephemeral' as const, ...toSlackMessage(busyCard()) });

/** Runs a listener's work after the ack; a failure is logged and the person told, never a trace. */
export async function safely(log: (line: string) => void, respond: Respond | undefined, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    log(`slack: ${error instanceof Error ? error.message : String(error)}`);
    await respond?.({ response_type: 'ephemeral', ...toSlackMessage(errorCard(NOT_CONFIRMED, 'not-confirmed')) }).catch(() => {});
  }
}
