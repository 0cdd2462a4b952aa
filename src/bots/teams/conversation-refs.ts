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
    await this.store.putSetting(conversationKey(conversation.id), json);
    if (conversation.conversationType === 'personal' && ref.user) {
      for (const id of [ref.user.aadObjectId, ref.user.id]) if (id) await this.store.putSetting(userKey(id), json);
    }
  }

  async forUser(teamsUserId: string): Promise<Partial<ConversationReference> | null> {
    return parse(await this.store.getSetting(userKey(teamsUserId)));
  }

  async forConversation(conversationId: string): Promise<Partial<ConversationReference> | null> {
    return parse(await this.store.getSetting(conversationKey(conversationId)));
  }
}

function parse(json: string | null): Partial<ConversationReference> | null {
  return json === null ? null : (JSON.parse(json) as Partial<ConversationReference>);
}
