/**
 * What an admin needs to know about an installation, from chat (`setup` with nothing
 * after it): the channels bound for alerts and the SMT, the staff not yet linked to a
 * chat user, the policy in force, and when data last arrived from the feed. Each check
 * is ✓ or ✗, and a ✗ carries the fix. Admins only (the caller checks mayAdminister).
 */
import { formatLondon } from '../rules/calendar/index.js';
import type { Pack } from '../rules/pack/pack-schema.js';
import type { CaseContext } from './case-context.js';
import { channelSetting } from './channel-settings.js';
import { chatIdOf, platformName, type ChatPlatform } from './staff-links.js';

export interface SetupCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
  /** What to do about a ✗. */
  readonly fix?: string;
}

/** Data older than this is reported as a ✗: the feed has probably stopped. */
export const FEED_QUIET_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface SetupInput {
  readonly platform: ChatPlatform;
  /** The policy in force (WAYMARK_POLICY); undefined when it is not loaded. */
  readonly policy: Pack | undefined;
  readonly policyId: string;
  /** Every loaded pack (whether any holds meetings, which post to the SMT channel). */
  readonly packs: readonly Pack[];
  /** How a command is typed on this platform: "/waymark setup alerts", "@Waymark setup alerts". */
  readonly typed: (command: string) => string;
}

export async function setupStatus(ctx: CaseContext, input: SetupInput): Promise<SetupCheck[]> {
  return [
    await alertsChannel(ctx, input),
    await smtChannel(ctx, input),
    await staffLinked(ctx, input.platform),
    await policyInForce(ctx, input),
    await dataArrived(ctx),
  ];
}

async function alertsChannel(ctx: CaseContext, input: SetupInput): Promise<SetupCheck> {
  const bound = await ctx.store.getSetting(channelSetting(input.platform, 'alerts'));
  const name = 'Alerts channel';
  if (bound) return { name, ok: true, detail: `at-risk alerts and case updates go to ${channelWords(input.platform, bound)}` };
  return { name, ok: false, detail: 'no channel is bound: alerts and case updates are not posted', fix: `invite Waymark to the coaching team's channel and type ${input.typed('setup alerts')} there` };
}

async function smtChannel(ctx: CaseContext, input: SetupInput): Promise<SetupCheck> {
  const name = 'SMT channel';
  const meetings = input.packs.flatMap((p) => p.meetings.map((m) => m.name));
  if (meetings.length === 0) return { name, ok: true, detail: 'not needed: no policy loaded holds meetings' };
  const bound = await ctx.store.getSetting(channelSetting(input.platform, 'smt'));
  if (bound) return { name, ok: true, detail: `meeting digests (${meetings.join(', ')}) go to ${channelWords(input.platform, bound)}` };
  return { name, ok: false, detail: `no channel is bound: the digests of ${meetings.join(', ')} are not posted`, fix: `invite Waymark to the SMT's channel and type ${input.typed('setup smt')} there` };
}

async function staffLinked(ctx: CaseContext, platform: ChatPlatform): Promise<SetupCheck> {
  const staff = await ctx.store.allStaff();
  const name = `Staff linked to ${platformName(platform)}`;
  if (staff.length === 0) return { name, ok: false, detail: 'the staff directory is empty', fix: 'load it: waymark import staff staff.csv (an e-mail, name and roles per person)' };
  const missing = staff.filter((s) => !chatIdOf(s, platform));
  if (missing.length === 0) return { name, ok: true, detail: `all ${staff.length} linked` };
  return {
    name,
    ok: false,
    detail: `${missing.length} of ${staff.length} not linked, so Waymark cannot message them: ${missing.map((s) => `${s.name} (${s.id})`).join(', ')}`,
    fix:
      platform === 'slack'
        ? 'run waymark staff link (it finds Slack users by e-mail; the app needs the users:read.email scope), or give their slackUserId in the staff directory'
        : 'add Waymark to their team in Teams (it reads the members) and run waymark staff link, or give their teamsUserId in the staff directory',
  };
}

async function policyInForce(ctx: CaseContext, input: SetupInput): Promise<SetupCheck> {
  const name = 'Policy in force';
  const pack = input.policy;
  if (!pack) return { name, ok: false, detail: `"${input.policyId}" is not loaded`, fix: 'set WAYMARK_POLICY to a built-in pack id or a pack file and restart' };
  const since = (await ctx.store.policyVersions(pack.id)).find((v) => v.version === pack.version)?.since;
  return { name, ok: true, detail: `${pack.name} (${pack.id}) version ${pack.version}${since ? `, in force since ${formatLondon(since.getTime()).slice(0, 10)}` : ''}` };
}

async function dataArrived(ctx: CaseContext): Promise<SetupCheck> {
  const name = 'Data feed';
  const fix = 'send events to POST /api/events with a key from WAYMARK_API_KEYS, or load them with waymark import events events.csv';
  const last = await ctx.store.lastRecorded('feed');
  if (!last) return { name, ok: false, detail: 'no event has arrived from the feed yet', fix };
  const days = Math.floor((ctx.now().getTime() - last.recordedAt.getTime()) / DAY_MS);
  const when = `last arrived ${formatLondon(last.recordedAt.getTime()).slice(0, 16).replace('T', ' ')} (UK time)`;
  if (days > FEED_QUIET_DAYS) return { name, ok: false, detail: `${when}, ${days} days ago: the feed may have stopped`, fix };
  return { name, ok: true, detail: when };
}

function channelWords(platform: ChatPlatform, conversation: string): string {
  // A Teams conversation id means nothing to people; a Slack channel id can be looked up.
  return platform === 'slack' ? `the channel ${conversation}` : 'the channel where it was typed';
}
