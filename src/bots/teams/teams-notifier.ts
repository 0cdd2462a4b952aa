/**
 * The Notifier for Teams: each intent's Adaptive Card sent proactively from a stored
 * conversation reference: to the channels bound with `setup alerts` / `setup smt`, and to
 * people in their personal chat with Waymark. Approval requests are remembered and updated
 * in place when decided (updateActivity). Someone who has not installed the app cannot be
 * messaged: the proposer (for an approval) and the admins are told, and it is logged, never
 * dropped silently. Posts are paced per conversation and retried when Teams asks.
 */
import { CardFactory, type ConversationReference, type TurnContext } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { ADMIN_ROLE } from '../../cases/authorization.js';
import type { Intent } from '../../cases/intents.js';
import type { Notifier } from '../../cases/notifier.js';
import type { MessageRemover } from '../../privacy/message-removal.js';
import { postedAbout } from '../../privacy/posted-about.js';
import type { PostedMessage } from '../../store/records.js';
import type { Store } from '../../store/store.js';
import { toAdaptiveCard } from '../../cards/adaptive.js';
import type { Card } from '../../cards/card.js';
import { cardForIntent } from '../../cards/catalogue/intent-cards.js';
import type { PictureUrl } from '../../cards/catalogue/digests.js';
import { errorCard } from '../../cards/catalogue/query-cards.js';
import { removedCard } from '../../cards/catalogue/removed.js';
import { channelSetting } from '../../cases/channel-settings.js';
import { Pacer } from '../pacer.js';
import type { ConversationRefs } from './conversation-refs.js';
import { retrying } from './retrying.js';

export class TeamsNotifier implements Notifier, MessageRemover {
  readonly platform = 'teams' as const;
  private readonly pacer: Pacer;
  private readonly log: (line: string) => void;
  private readonly retry: { attempts: number; baseDelayMs: number };
  private readonly pictureUrl: PictureUrl;

  /** `pictureUrl`: where Teams fetches a chart the intent names (signed now); none: no pictures. */
  constructor(
    private readonly adapter: TeamsAdapter,
    private readonly botId: string,
    private readonly store: Store,
    private readonly refs: ConversationRefs,
    options: { postIntervalMs: number; retryBaseDelayMs: number; log?: (line: string) => void; pictureUrl?: PictureUrl },
  ) {
    this.pacer = new Pacer(options.postIntervalMs);
    this.log = options.log ?? (() => {});
    this.retry = { attempts: 4, baseDelayMs: options.retryBaseDelayMs };
    this.pictureUrl = options.pictureUrl ?? (() => null);
  }

  async send(intent: Intent, key: string): Promise<void> {
    const card = cardForIntent(intent, this.pictureUrl);
    if (intent.type === 'decision-result') await this.updateInPlace(intent, card);
    const audience = intent.audience;
    if (audience.kind !== 'direct') {
      const conversation = await this.store.getSetting(channelSetting('teams', audience.kind === 'team-channel' ? 'alerts' : 'smt'));
      const ref = conversation ? await this.refs.forConversation(conversation) : null;
      if (!ref) {
        this.log(`teams: no channel is set for ${audience.kind === 'team-channel' ? 'alerts' : 'the SMT'}; @mention Waymark with "setup" in one (${intent.type} not posted)`);
        return;
      }
      await this.remember(intent, `${key}:teams:${ref.conversation!.id}`, ref, await this.post(ref, card));
      return;
    }
    const unreachable: string[] = [];
    for (const staffId of audience.staffIds) {
      const staff = await this.store.getStaff(staffId);
      if (!staff?.teamsUserId) continue; // not on Teams (perhaps on Slack)
      const ref = await this.refs.forUser(staff.teamsUserId);
      if (!ref) {
        unreachable.push(staff.name);
        continue;
      }
      await this.remember(intent, `${key}:teams:${staffId}`, ref, await this.post(ref, card));
    }
    if (unreachable.length > 0) await this.reportUnreachable(intent, unreachable);
  }

  /** Sends a card to a person's personal chat; false if they have not installed the app. */
  async sendTo(teamsUserId: string, card: Card): Promise<boolean> {
    const ref = await this.refs.forUser(teamsUserId);
    if (!ref) return false;
    await this.post(ref, card);
    return true;
  }

  /** Sends a card to a conversation Waymark was just written to (an answer that follows its request). */
  async sendToConversation(ref: Partial<ConversationReference>, card: Card): Promise<void> {
    await this.post(ref, card);
  }

  private async post(ref: Partial<ConversationReference>, card: Card): Promise<string | null> {
    let id: string | null = null;
    await this.pacer.run(ref.conversation!.id, () =>
      retrying(
        () =>
          this.proactively(ref, async (context) => {
            const sent = await context.sendActivity({ attachments: [CardFactory.adaptiveCard(toAdaptiveCard(card))], summary: card.summary });
            id = sent?.id ?? null;
          }),
        this.retry,
      ),
    );
    return id;
  }

  /**
   * Runs `work` in a proactive turn and fails as it failed. The adapter would otherwise hand
   * the error to its turn-error handler (which tells a person their action could not be
   * confirmed, and resolves), so a 429 would be neither retried nor reported as undelivered.
   */
  private async proactively(ref: Partial<ConversationReference>, work: (context: TurnContext) => Promise<void>): Promise<void> {
    let failure: { error: unknown } | undefined;
    await this.adapter.continueConversationAsync(this.botId, ref, async (context: TurnContext) => {
      try {
        await work(context);
      } catch (error) {
        failure = { error };
      }
    });
    if (failure) throw failure.error;
  }

  /** Replaces a message about an erased learner with the "removed" card. */
  async replaceWithRemoved(posted: PostedMessage): Promise<'replaced' | 'gone'> {
    return (await this.replace(posted, removedCard())) ? 'replaced' : 'gone';
  }

  /** Where a message about a learner went: decisions update it in place, an erasure replaces it. */
  private async remember(intent: Intent, key: string, ref: Partial<ConversationReference>, id: string | null): Promise<void> {
    const about = postedAbout(intent);
    if (!about || !id) return;
    await this.store.recordMessage({ key, ...about, platform: 'teams', conversation: ref.conversation!.id, messageId: id, postedAt: new Date() });
  }

  private async updateInPlace(intent: Extract<Intent, { type: 'decision-result' }>, card: Card): Promise<void> {
    for (const posted of await this.store.messagesFor(intent.learner.id, intent.updates)) {
      if (posted.platform === 'teams') await this.replace(posted, card);
    }
  }

  /** Shows `card` in place of a message posted earlier (updateActivity); false if its conversation is unknown. */
  private async replace(posted: PostedMessage, card: Card): Promise<boolean> {
    const ref = await this.refs.forConversation(posted.conversation);
    if (!ref) return false;
    await this.pacer.run(posted.conversation, () =>
      retrying(
        () =>
          this.proactively(ref, async (context) => {
            await context.updateActivity({ id: posted.messageId, type: 'message', attachments: [CardFactory.adaptiveCard(toAdaptiveCard(card))] });
          }),
        this.retry,
      ),
    );
    return true;
  }

  /** The people Teams could not reach are named to the proposer (approvals) and the admins. */
  private async reportUnreachable(intent: Intent, names: string[]): Promise<void> {
    const what = `${names.join(', ')} ${names.length === 1 ? 'has' : 'have'} not installed Waymark in Teams, so could not be sent: ${cardForIntent(intent).summary}`;
    // The log names the staff and the kind of message, not the learner.
    this.log(`teams: ${names.join(', ')} not reached (Waymark not installed in Teams): ${intent.type}`);
    const notice = errorCard(`${what}. Ask them to add Waymark in Teams (Apps, Waymark, Add).`, 'not-installed');
    const admins = (await this.store.staffWithRole(ADMIN_ROLE)).map((s) => s.id);
    const tell = new Set([...(intent.type === 'approval-request' ? [intent.proposal.by] : []), ...admins]);
    for (const staffId of tell) {
      const teamsId = (await this.store.getStaff(staffId))?.teamsUserId;
      if (teamsId) await this.sendTo(teamsId, notice).catch(() => {});
    }
  }
}
