/**
 * Teams: the bot's credentials are set, and Waymark holds a conversation reference for each
 * bound channel and for each approver (without one, Teams lets no bot start a
 * conversation: the channel or person is never told anything).
 */
import { ConversationRefs } from '../bots/teams/conversation-refs.js';
import type { Pack } from '../rules/pack/pack-schema.js';
import type { Config } from '../server/config.js';
import type { StaffRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import { count, failed, listed, passed, type Check } from './check.js';
import { boundChannel, type NeededChannel } from './channels.js';

export function teamsCredentialsCheck(teams: NonNullable<Config['teams']>): Check {
  const secret = teams.botType === 'UserAssignedMSI' ? 'a managed identity' : 'BOT_PASSWORD';
  return passed('Teams credentials', `BOT_ID set, ${teams.botType}${teams.tenantId ? ` (tenant ${teams.tenantId})` : ''}, with ${secret}`);
}

export async function teamsChannelCheck(store: Store, channel: NeededChannel): Promise<Check> {
  const name = `Teams ${channel.label}`;
  const setup = `in ${channel.whose}, write @Waymark setup ${channel.what} (as a member of staff with the admin role)`;
  const id = await boundChannel(store, 'teams', channel.what);
  if (id === null) return failed(name, 'not bound: nothing will be posted', setup);
  if ((await new ConversationRefs(store).forConversation(id)) === null) {
    return failed(name, `bound to ${id}, but no conversation reference is held for it: Waymark cannot post there`, `add the app to that team again, then ${setup}`);
  }
  return passed(name, `bound, and a conversation reference is held`);
}

/** The roles that approve or decide a step in these packs. */
export function approvingRoles(packs: readonly Pack[]): Set<string> {
  const roles = packs.flatMap((p) => [...p.stages.flatMap((s) => [s.approvedBy, s.decidedBy]), ...p.outcomes.map((o) => o.decidedBy)]);
  return new Set(roles.filter((r): r is string => r !== undefined));
}

export async function teamsApproversCheck(store: Store, packs: readonly Pack[], staff: readonly StaffRecord[]): Promise<Check> {
  const name = 'Teams approvers reachable';
  const roles = approvingRoles(packs);
  const approvers = staff.filter((s) => s.roles.some((r) => roles.has(r)));
  const refs = new ConversationRefs(store);
  const unreachable: string[] = [];
  for (const person of approvers) {
    if (!person.teamsUserId || (await refs.forUser(person.teamsUserId)) === null) unreachable.push(person.id);
  }
  if (approvers.length === 0) return failed(name, `nobody in the staff directory holds an approving role (${listed([...roles])})`, 'add the approvers to the staff directory (waymark import staff)');
  if (unreachable.length === 0) return passed(name, `a conversation reference is held for each of the ${count(approvers.length, 'approver')}`);
  return failed(
    name,
    `${unreachable.length} of ${count(approvers.length, 'approver')} cannot be sent a message (not linked, or the app not installed for them): ${listed(unreachable)}`,
    'link each to their Teams user (teamsUserId) and have them install the app (or install it for them in the Teams admin centre), or message the bot once',
  );
}
