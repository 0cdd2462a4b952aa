/**
 * Where Waymark can reach people and channels in Teams: the conversation references it
 * captures when the app is installed or added, and whenever someone writes to it. A person
 * with no reference has not installed the app; proactive messages need one.
 */
import type { ConversationReference } from 'botbuilder';
import type { Store } from '../../store/store.js';

const userKey = (teamsUserId: string) => `teams:ref:user:${teamsUserId}`;
const conversationKey = (conversationId: string) => `teams:ref:conversation:${conversationId}`;

export class ConversationRefs {
  constructor(private readonly store: Store) {}

  /** Remembers the conversation (and, in a personal chat, the person). */
  async remember(ref: Partial<ConversationReference>): Promise<void> {
    const conversation = ref.conversation;
    if (!conversation?.id || !ref.serviceUrl) return;
    const json = JSON.stringify(ref);
    await this.keep(conversationKey(conversation.id), json);
    if (conversation.conversationType === 'personal' && ref.user) {
      for (const id of [ref.user.aadObjectId, ref.user.id]) if (id) await this.keep(userKey(id), json);
    }
  }

  /**
   * Writes a reference only when it changed: every message brings one, nearly always the
   * same but for the id of the message it came with (which a proactive post does not need).
   */
  private async keep(key: string, json: string): Promise<void> {
    const stored = await this.store.getSetting(key);
    if (stored === null || lasting(stored) !== lasting(json)) await this.store.putSetting(key, json);
  }

  async forUser(teamsUserId: string): Promise<Partial<ConversationReference> | null> {
    return parse(await this.store.getSetting(userKey(teamsUserId)));
  }

  async forConversation(conversationId: string): Promise<Partial<ConversationReference> | null> {
    return parse(await this.store.getSetting(conversationKey(conversationId)));
  }
}

/** A reference as JSON without the message it came with. */
function lasting(json: string): string {
  const { activityId: _activityId, ...ref } = JSON.parse(json) as Partial<ConversationReference>;
  return JSON.stringify(ref);
}

function parse(json: string | null): Partial<ConversationReference> | null {
  return json === null ? null : (JSON.parse(json) as Partial<ConversationReference>);
}
