/**
 * `waymark doctor`: a deployment checked end to end, as a checklist. Configuration and
 * packs first (they need nothing else), then, against MONGODB_URI opened read only, the
 * database, the scheduler, the policy's roles, the staff directory, the chat platforms'
 * channels and people, and the data feed. Nothing is written anywhere. An expected
 * problem is a failed check with its fix; the report is ok only when every check is.
 */
import { loadPackRegistry, type PackRegistry } from '../pack-files/pack-registry.js';
import { configFrom, configWarnings, type Config } from '../server/config.js';
import type { Pack } from '../rules/pack/pack-schema.js';
import type { OpenStore } from '../store/open-store.js';
import type { StaffRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import { failed, passed, report, type Check, type DoctorReport } from './check.js';
import { neededChannels } from './channels.js';
import { chatPlatformsCheck, configurationCheck, packsCheck, webPagesCheck } from './config-checks.js';
import { openDatabase, serverChecks } from './database-checks.js';
import { lastArrivalCheck, quietLearnersCheck } from './feed-checks.js';
import { learnerPoliciesCheck, packsInUse, rolesStaffedChecks } from './policy-checks.js';
import { schedulerChecks } from './scheduler-checks.js';
import { doctorSlackClient, slackChannelCheck, slackTokenChecks } from './slack-checks.js';
import { coachesCheck, staffLinkedCheck } from './staff-checks.js';
import { teamsApproversCheck, teamsChannelCheck, teamsCredentialsCheck } from './teams-checks.js';

export async function runDoctor(env: NodeJS.ProcessEnv, now: () => Date): Promise<DoctorReport> {
  const parsed = configFrom(env);
  const checks: Check[] = [configurationCheck(parsed, configWarnings(env))];
  if (!parsed.ok) return report(checks);
  const config = parsed.config;
  checks.push(chatPlatformsCheck(config), webPagesCheck(config));
  const registry = await loadPackRegistry({ policy: config.policy, packs: config.packs });
  checks.push(packsCheck(registry));
  const slack = config.slack === null ? null : doctorSlackClient(config.slack);
  const token = slack === null ? null : await slackTokenChecks(slack);
  const platforms: Platforms = { config, slack: token?.works === true ? slack : null, slackToken: token?.checks ?? [] };

  const { check, opened } = await openDatabase(config.mongodbUri);
  checks.push(check);
  if (opened === null) return report([...checks, ...(await platformChecks(platforms, null))]);
  try {
    if (!registry.ok) {
      const skipped = failed('deployment', 'the database was not checked further: the policy packs do not load', 'fix the policy packs (above), then run waymark doctor again');
      return report([...checks, skipped, ...(await platformChecks(platforms, null))]);
    }
    return report([...checks, ...(await deploymentChecks(opened, registry.value, platforms, now))]);
  } catch (error) {
    // Reached, then failed mid-way (it stopped answering, or the user may not read): still a check, not a crash.
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    const broke = failed('database reads', `reading the database failed: ${reason}; the checks after it were not run`, 'check that the server is up and that the MONGODB_URI user may read this database, then run waymark doctor again');
    return report([...checks, broke]);
  } finally {
    await opened.close();
  }
}

interface Platforms {
  readonly config: Config;
  /** A Slack client whose token works; null when Slack is off or its token does not work. */
  readonly slack: ReturnType<typeof doctorSlackClient> | null;
  readonly slackToken: readonly Check[];
}

interface Deployment {
  readonly store: Store;
  readonly staff: readonly StaffRecord[];
  readonly packs: readonly Pack[];
}

/** What needs the database: its server, the scheduler, roles, staff, the platforms' channels and people, the feed. */
async function deploymentChecks(opened: OpenStore, registry: PackRegistry, platforms: Platforms, now: () => Date): Promise<Check[]> {
  const { store } = opened;
  const at = now();
  const [staff, learners, lastFed] = await Promise.all([store.allStaff(), store.learnerActivity(), store.lastRecorded('feed')]);
  const packs = packsInUse(registry.defaultPolicy, learners, registry.packFor);
  return [
    ...(await serverChecks(opened, now)),
    ...(await schedulerChecks(opened.connection.db!, [...registry.packs.values()].map((p) => p.pack), platforms.config.leaseMs, at)),
    ...rolesStaffedChecks(packs, staff),
    learnerPoliciesCheck(learners, registry.packFor),
    coachesCheck(learners, staff),
    ...(await platformChecks(platforms, { store, staff, packs })),
    lastArrivalCheck(lastFed, at),
    quietLearnersCheck(learners, at),
  ];
}

/**
 * Each platform's checks (those that need the database only when `deployment` is given),
 * and a line for a platform not set up, so the checklist is complete.
 */
async function platformChecks(platforms: Platforms, deployment: Deployment | null): Promise<Check[]> {
  const { config } = platforms;
  const slack = config.slack === null ? [passed('Slack', 'not set up (SLACK_BOT_TOKEN unset): not checked')] : [...platforms.slackToken];
  const teams = config.teams === null ? [passed('Teams', 'not set up (BOT_ID unset): not checked')] : [teamsCredentialsCheck(config.teams)];
  if (deployment !== null) {
    const { store, staff, packs } = deployment;
    const channels = neededChannels(packs);
    if (config.slack !== null) {
      slack.push(staffLinkedCheck('slack', staff));
      if (platforms.slack !== null) for (const channel of channels) slack.push(await slackChannelCheck(platforms.slack, store, channel));
    }
    if (config.teams !== null) {
      teams.push(staffLinkedCheck('teams', staff));
      for (const channel of channels) teams.push(await teamsChannelCheck(store, channel));
      teams.push(await teamsApproversCheck(store, packs, staff));
    }
  }
  return [...slack, ...teams];
}
