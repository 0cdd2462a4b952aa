/**
 * App Home: when someone opens it, their caseload and the approvals waiting for them, and
 * (when the web pages are set up) a Register button that sends them a link of their own.
 */
import type { App } from '@slack/bolt';
import { toSlackHome } from '../../cards/block-kit.js';
import { caseloadCard } from '../../cards/catalogue/digests.js';
import { errorCard, helpCard, pendingApprovalsCard } from '../../cards/catalogue/query-cards.js';
import type { Card } from '../../cards/card.js';
import { webPagesCard } from '../../cards/catalogue/web-links.js';
import type { ChatDeps } from '../conversation.js';

export function registerAppHome(app: App, chat: ChatDeps, log: (line: string) => void): void {
  app.event('app_home_opened', async ({ event, client }) => {
    try {
      const cards = await homeCards(chat, event.user);
      await client.views.publish({ user_id: event.user, view: toSlackHome(cards) as never });
    } catch (error) {
      log(`slack: app home not published: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}

export async function homeCards(chat: ChatDeps, slackUserId: string): Promise<Card[]> {
  const staff = await chat.ctx.store.staffByChatId('slack', slackUserId);
  if (!staff) return [errorCard(`Waymark does not know you yet: ask an admin to add you to the staff directory with your Slack id ${slackUserId}.`, 'unknown-staff'), helpCard()];
  const [caseload, approvals] = await Promise.all([chat.queries.caseload(staff.id), chat.queries.pendingApprovals(staff.id)]);
  return [
    // A button, not a link: App Home stays open for longer than a link works.
    ...(chat.links ? [webPagesCard()] : []),
    ...(approvals.ok && approvals.value.length > 0 ? [pendingApprovalsCard(approvals.value)] : []),
    caseload.ok ? caseloadCard(caseload.value) : errorCard(caseload.refusal.message, caseload.refusal.code),
  ];
}
