/**
 * Reading who is in the team (or chat) Waymark was just added to, through botbuilder's
 * TeamsInfo: the bot may read the roster of a conversation it is in, so no Graph
 * permission is needed. What it reads is saved (saved-roster.ts) and the staff directory
 * is linked against it; whoever is not found is reported.
 */
import { TeamsInfo, type TurnContext } from 'botbuilder';
import { linkStaff, type LinkReport } from '../../cases/staff-links.js';
import type { Store } from '../../store/store.js';
import { saveRoster, savedRosterDirectory, type RosterMember } from './saved-roster.js';

/** Every member of the turn's conversation (its team, in a channel), page by page. */
export async function readRoster(context: TurnContext): Promise<RosterMember[]> {
  const members: RosterMember[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await TeamsInfo.getPagedMembers(context, 500, continuationToken);
    for (const m of page.members ?? []) {
      if (m.aadObjectId) members.push({ aadObjectId: m.aadObjectId, name: m.name, email: m.email, userPrincipalName: m.userPrincipalName });
    }
    continuationToken = page.continuationToken || undefined;
  } while (continuationToken);
  return members;
}

/** Reads the conversation's roster, keeps it, and links the staff directory against it. */
export async function linkFromRoster(context: TurnContext, store: Store, now: Date): Promise<LinkReport> {
  await saveRoster(store, await readRoster(context), now);
  return linkStaff(store, savedRosterDirectory(store));
}
