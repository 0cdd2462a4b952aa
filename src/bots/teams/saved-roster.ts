/**
 * The Teams roster Waymark has read, kept in the store: each member's e-mail (or sign-in
 * name) and Entra object id. The bot reads it through the Teams SDK when it is installed
 * or people are added (no Graph permission needed); linking staff by e-mail, in the bot
 * or in `waymark staff link`, reads it from here. No Teams SDK import: the CLI loads this.
 */
import { DirectoryUnavailable, type ChatDirectory } from '../../cases/staff-links.js';
import type { Store } from '../../store/store.js';

const ROSTER_KEY = 'teams:roster';

export interface RosterMember {
  /** Entra object id (aadObjectId): what the staff directory's teamsUserId holds. */
  readonly aadObjectId: string;
  readonly name?: string | undefined;
  readonly email?: string | undefined;
  readonly userPrincipalName?: string | undefined;
}

interface SavedRoster {
  /** When a roster was last read (ISO). */
  readonly readAt: string;
  /** Lower-case e-mail or sign-in name -> Entra object id. */
  readonly byEmail: Record<string, string>;
}

/** Adds what a roster read says to what earlier reads said (rosters of several teams add up). */
export async function saveRoster(store: Store, members: readonly RosterMember[], at: Date): Promise<number> {
  const saved = await loadRoster(store);
  const byEmail = { ...(saved?.byEmail ?? {}) };
  for (const m of members) {
    for (const address of [m.email, m.userPrincipalName]) if (address) byEmail[address.trim().toLowerCase()] = m.aadObjectId;
  }
  await store.putSetting(ROSTER_KEY, JSON.stringify({ readAt: at.toISOString(), byEmail } satisfies SavedRoster));
  return Object.keys(byEmail).length;
}

async function loadRoster(store: Store): Promise<SavedRoster | null> {
  const json = await store.getSetting(ROSTER_KEY);
  return json === null ? null : (JSON.parse(json) as SavedRoster);
}

/** Whether Waymark has read a Teams roster (been added to a team or chat) on this database. */
export async function hasSavedRoster(store: Store): Promise<boolean> {
  return (await store.getSetting(ROSTER_KEY)) !== null;
}

/** Teams users by e-mail, from the saved roster; unavailable until Waymark has read one. */
export function savedRosterDirectory(store: Store): ChatDirectory {
  return {
    platform: 'teams',
    async usersByEmail(emails) {
      const roster = await loadRoster(store);
      if (!roster) {
        throw new DirectoryUnavailable(
          'Waymark has not read a Teams roster yet',
          "add Waymark to the staff's team in Teams (Apps, Waymark, Add to a team): it reads the team's members then",
        );
      }
      return new Map(emails.flatMap((e) => (roster.byEmail[e.toLowerCase()] ? [[e.toLowerCase(), roster.byEmail[e.toLowerCase()]!] as const] : [])));
    },
  };
}
