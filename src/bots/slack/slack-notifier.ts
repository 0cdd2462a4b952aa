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
import type { MessageRemover } from '../../privacy/message-removal.js';
import { postedAbout } from '../../privacy/posted-about.js';
import type { PostedMessage } from '../../store/records.js';
import type { Store } from '../../store/store.js';
import { toSlackMessage, type SlackMessage } from '../../cards/block-kit.js';
import { cardForIntent } from '../../cards/catalogue/intent-cards.js';
import type { PictureUrl } from '../../cards/catalogue/digests.js';
import { removedCard } from '../../cards/catalogue/removed.js';
import { channelSetting } from '../../cases/channel-settings.js';
import { Pacer } from '../pacer.js';

/** Slack's answers to chat.update that no retry changes. */
const GONE = ['message_not_found', 'channel_not_found', 'cant_update_message', 'is_archived', 'not_in_channel'];

export class SlackNotifier implements Notifier, MessageRemover {
  readonly platform = 'slack' as const;
  private readonly pacer: Pacer;
  private readonly log: (line: string) => void;
  private readonly pictureUrl: PictureUrl;

  /** `pictureUrl`: where Slack fetches a chart the intent names (signed now); none: no pictures. */
  constructor(
    private readonly client: WebClient,
    private readonly store: Store,
    options: { postIntervalMs: number; log?: (line: string) => void; pictureUrl?: PictureUrl },
  ) {
    this.pacer = new Pacer(options.postIntervalMs);
    this.log = options.log ?? (() => {});
    this.pictureUrl = options.pictureUrl ?? (() => null);
  }

  async send(intent: Intent, key: string): Promise<void> {
    const message = toSlackMessage(cardForIntent(intent, this.pictureUrl));
    if (intent.type === 'decision-result') await this.updateInPlace(intent, message);
    const audience = intent.audience;
    if (audience.kind !== 'direct') {
      const channel = await this.store.getSetting(channelSetting('slack', audience.kind === 'team-channel' ? 'alerts' : 'smt'));
      if (!channel) {
        this.log(`slack: no channel is set for ${audience.kind === 'team-channel' ? 'alerts' : 'the SMT'}; run /waymark setup in one (${intent.type} not posted)`);
        return;
      }
      await this.remember(intent, `${key}:slack:${channel}`, await this.postIntent(channel, intent, message));
      return;
    }
    for (const staffId of audience.staffIds) {
      const user = (await this.store.getStaff(staffId))?.slackUserId;
      if (!user) continue; // not on Slack (perhaps on Teams)
      await this.remember(intent, `${key}:slack:${staffId}`, await this.postIntent(user, intent, message));
    }
  }

  /**
   * Slack fetches a picture when the message is posted and refuses the whole message
   * (invalid_blocks) when it cannot (an address it cannot reach, such as localhost): the
   * message then goes again without the picture, rather than not at all.
   */
  private async postIntent(channel: string, intent: Intent, message: SlackMessage): Promise<{ channel: string; ts: string } | null> {
    try {
      return await this.post(channel, message);
    } catch (error) {
      const refused = (error as { data?: { error?: unknown } }).data?.error === 'invalid_blocks';
      if (!refused || !message.blocks.some((b) => b.type === 'image')) throw error;
      this.log(`slack: ${intent.type} posted without its picture, which Slack could not fetch (is WAYMARK_PUBLIC_URL reachable from the internet?)`);
      return this.post(channel, toSlackMessage(cardForIntent(intent)));
    }
  }

  /** Replaces a message about an erased learner with the "removed" card. */
  async replaceWithRemoved(posted: PostedMessage): Promise<'replaced' | 'gone'> {
    try {
      await this.replace(posted, toSlackMessage(removedCard()));
      return 'replaced';
    } catch (error) {
      // Deleted already, or in a channel Waymark has left: nothing to replace, ever.
      if (GONE.includes(String((error as { data?: { error?: unknown } }).data?.error))) return 'gone';
      throw error;
    }
  }

  /** Where a message about a learner went: decisions update it in place, an erasure replaces it. */
  private async remember(intent: Intent, key: string, posted: { channel: string; ts: string } | null): Promise<void> {
    const about = postedAbout(intent);
    if (!about || !posted) return;
    await this.store.recordMessage({ key, ...about, platform: 'slack', conversation: posted.channel, messageId: posted.ts, postedAt: new Date() });
  }

  private async post(channel: string, message: { text: string; blocks: object[] }): Promise<{ channel: string; ts: string } | null> {
    const result = await this.pacer.run(channel, () => this.client.chat.postMessage({ channel, text: message.text, blocks: message.blocks as never, unfurl_links: false }));
    return result.channel && result.ts ? { channel: result.channel, ts: result.ts } : null;
  }

  /** The approval requests this decision settles now show the decision instead. */
  private async updateInPlace(intent: Extract<Intent, { type: 'decision-result' }>, message: { text: string; blocks: object[] }): Promise<void> {
    for (const posted of await this.store.messagesFor(intent.learner.id, intent.updates)) {
      if (posted.platform === 'slack') await this.replace(posted, message);
    }
  }

  /** Shows `message` in place of one posted earlier (chat.update). */
  private async replace(posted: PostedMessage, message: { text: string; blocks: object[] }): Promise<void> {
    await this.pacer.run(posted.conversation, () =>
      this.client.chat.update({ channel: posted.conversation, ts: posted.messageId, text: message.text, blocks: message.blocks as never }),
    );
  }
}
