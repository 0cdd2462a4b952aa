/**
 * The Notifier for Slack: renders each intent's card and sends it where its audience says.
 * Team and SMT channels are the ones bound with `/waymark setup`; people are reached by DM
 * through their Slack id in the staff directory. Approval requests are remembered, so a
 * decision result updates them in place (chat.update). Posts to one channel are spaced a
 * second apart; the Web API client waits out a 429's Retry-After and tries again.
 */
import type { WebClient } from '@slack/web-api';
import type { Intent } from '../../cases/intents.js';
import type { Notifier } from '../../cases/notifier.js';
import { approvalPurpose } from '../../cases/entry-intents.js';
import type { Store } from '../../store/store.js';
import { toSlackMessage } from '../../cards/block-kit.js';
import { cardForIntent } from '../../cards/catalogue/intent-cards.js';
import { channelSetting } from '../conversation.js';
import { Pacer } from '../pacer.js';

export class SlackNotifier implements Notifier {
  private readonly pacer: Pacer;
  private readonly log: (line: string) => void;

  constructor(
    private readonly client: WebClient,
    private readonly store: Store,
    options: { postIntervalMs: number; log?: (line: string) => void },
  ) {
    this.pacer = new Pacer(options.postIntervalMs);
    this.log = options.log ?? (() => {});
  }

  async send(intent: Intent, key: string): Promise<void> {
    const message = toSlackMessage(cardForIntent(intent));
    if (intent.type === 'decision-result') await this.updateInPlace(intent, message);
    const audience = intent.audience;
    if (audience.kind !== 'direct') {
      const channel = await this.store.getSetting(channelSetting('slack', audience.kind === 'team-channel' ? 'alerts' : 'smt'));
      if (!channel) {
        this.log(`slack: no channel is set for ${audience.kind === 'team-channel' ? 'alerts' : 'the SMT'}; run /waymark setup in one (${intent.type} not posted)`);
        return;
      }
      await this.post(channel, message);
      return;
    }
    for (const staffId of audience.staffIds) {
      const user = (await this.store.getStaff(staffId))?.slackUserId;
      if (!user) continue; // not on Slack (perhaps on Teams)
      const posted = await this.post(user, message);
      if (intent.type === 'approval-request' && posted) {
        await this.store.recordMessage({
          key: `${key}:slack:${staffId}`,
          learnerId: intent.learner.id,
          platform: 'slack',
          conversation: posted.channel,
          messageId: posted.ts,
          purpose: approvalPurpose(intent.proposal.id),
          postedAt: new Date(),
        });
      }
    }
  }

  private async post(channel: string, message: { text: string; blocks: object[] }): Promise<{ channel: string; ts: string } | null> {
    const result = await this.pacer.run(channel, () => this.client.chat.postMessage({ channel, text: message.text, blocks: message.blocks as never, unfurl_links: false }));
    return result.channel && result.ts ? { channel: result.channel, ts: result.ts } : null;
  }

  /** The approval requests this decision settles now show the decision instead. */
  private async updateInPlace(intent: Extract<Intent, { type: 'decision-result' }>, message: { text: string; blocks: object[] }): Promise<void> {
    for (const posted of await this.store.messagesFor(intent.learner.id, intent.updates)) {
      if (posted.platform !== 'slack') continue;
      await this.pacer.run(posted.conversation, () =>
        this.client.chat.update({ channel: posted.conversation, ts: posted.messageId, text: message.text, blocks: message.blocks as never }),
      );
    }
  }
}
