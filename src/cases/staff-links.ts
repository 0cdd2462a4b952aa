/**
 * Linking the staff directory to chat accounts by e-mail: the directory needs only each
 * person's e-mail (their staff id); each chat platform says which of its users has that
 * address (Slack's users.lookupByEmail, the Teams roster the bot reads once installed).
 *
 * - An id already in the directory wins: it is never replaced, whether it was given
 *   explicitly (the import's slackUserId / teamsUserId) or linked before.
 * - Nobody is skipped silently: whoever the platform does not know is reported, by name.
 * - A platform that cannot answer at all (a missing scope, no roster yet) is one problem
 *   for the whole run, and nothing is written.
 */
import type { StaffRecord } from '../store/records.js';
import type { Store } from '../store/store.js';

export type ChatPlatform = 'slack' | 'teams';

/** A chat platform's user directory, as far as linking needs it. */
export interface ChatDirectory {
  readonly platform: ChatPlatform;
  /**
   * The platform's user id for each of `emails` it knows (keys lower case); an address it
   * does not know is left out. Throws `DirectoryUnavailable` when it cannot answer at all.
   */
  usersByEmail(emails: readonly string[]): Promise<Map<string, string>>;
}

/** The directory cannot be read (no scope, no roster): `fix` says what to do. */
export class DirectoryUnavailable extends Error {
  constructor(
    message: string,
    readonly fix: string,
  ) {
    super(message);
  }
}

export interface StaffRef {
  readonly id: string;
  readonly name: string;
}

export interface LinkReport {
  readonly platform: ChatPlatform;
  /** Linked in this run: their platform id was found by e-mail. */
  readonly linked: readonly (StaffRef & { readonly userId: string })[];
  /** Already had an id (given explicitly or linked before): left as it is. */
  readonly kept: readonly (StaffRef & { readonly userId: string })[];
  /** Not linked: the platform knows nobody with their e-mail, or their account is someone else's. */
  readonly notFound: readonly (StaffRef & { readonly reason: string })[];
  /** Set when the platform could not be asked at all; nothing was linked. */
  readonly unavailable?: { readonly message: string; readonly fix: string };
}

export const platformName = (platform: ChatPlatform): string => (platform === 'slack' ? 'Slack' : 'Teams');

export const chatIdOf = (staff: StaffRecord, platform: ChatPlatform): string | undefined => (platform === 'slack' ? staff.slackUserId : staff.teamsUserId);

/** Links every member of staff without an id on the directory's platform, by e-mail. */
export async function linkStaff(store: Store, directory: ChatDirectory): Promise<LinkReport> {
  const { platform } = directory;
  const staff = await store.allStaff();
  const ref = (s: StaffRecord): StaffRef => ({ id: s.id, name: s.name });
  const kept = staff.filter((s) => chatIdOf(s, platform)).map((s) => ({ ...ref(s), userId: chatIdOf(s, platform)! }));
  const missing = staff.filter((s) => !chatIdOf(s, platform));
  let found: Map<string, string>;
  try {
    found = missing.length === 0 ? new Map() : await directory.usersByEmail(missing.map((s) => s.id));
  } catch (error) {
    if (!(error instanceof DirectoryUnavailable)) throw error;
    return { platform, linked: [], kept, notFound: missing.map((s) => ({ ...ref(s), reason: error.message })), unavailable: { message: error.message, fix: error.fix } };
  }
  const linked: (StaffRef & { userId: string })[] = [];
  const notFound: (StaffRef & { reason: string })[] = [];
  const name = platformName(platform);
  for (const s of missing) {
    const userId = found.get(s.id.toLowerCase());
    if (userId === undefined) {
      notFound.push({ ...ref(s), reason: `no ${name} user has this e-mail; check it, or give their ${name} id in the staff directory` });
      continue;
    }
    // Someone else already holds this chat id (given explicitly): theirs wins.
    const holder = await store.staffByChatId(platform, userId);
    if (holder && holder.id !== s.id) {
      notFound.push({ ...ref(s), reason: `their ${name} account ${userId} is already linked to ${holder.id}` });
      continue;
    }
    await store.putStaff({ ...s, ...(platform === 'slack' ? { slackUserId: userId } : { teamsUserId: userId }) });
    linked.push({ ...ref(s), userId });
  }
  return { platform, linked, kept, notFound };
}

/** The report in lines for people (the CLI, the log): who was linked, who was not found. */
export function linkReportLines(report: LinkReport): string[] {
  const who = (s: StaffRef) => `${s.name} (${s.id})`;
  if (report.unavailable) {
    return [`${report.platform}: could not link anyone: ${report.unavailable.message}; ${report.unavailable.fix}`, ...report.notFound.map((s) => `${report.platform}: not linked: ${who(s)}`)];
  }
  return [
    ...report.linked.map((s) => `${report.platform}: linked ${who(s)} to ${s.userId}`),
    ...report.notFound.map((s) => `${report.platform}: not found: ${who(s)}: ${s.reason}`),
    `${report.platform}: ${report.linked.length} linked, ${report.kept.length} already linked, ${report.notFound.length} not found`,
  ];
}
