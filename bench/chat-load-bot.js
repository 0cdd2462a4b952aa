/**
 * The bot under load, in its own process (so the load generator does not share its event
 * loop): `waymark run` as local mode starts it (embedded store, Teams served anonymously),
 * with Slack pointed at the benchmark's fake Web API, and a staff directory and learners
 * loaded. Prints "ready <port>" when it is listening and settled.
 */
import { pino } from 'pino';
import { configFrom } from '../dist/server/config.js';
import { startWaymark } from '../dist/server/start.js';
import { loadPackRegistry } from '../dist/pack-files/pack-registry.js';

const LEARNERS = Number(process.env.LOAD_LEARNERS ?? 500);
const config = configFrom({
  PORT: '0',
  LOG_LEVEL: 'silent',
  WAYMARK_DEMO: 'off',
  WAYMARK_PLAYGROUND: 'off',
  SLACK_BOT_TOKEN: 'xoxb-bench',
  SLACK_SIGNING_SECRET: process.env.LOAD_SIGNING_SECRET,
  SLACK_API_URL: process.env.LOAD_SLACK_API_URL,
});
if (!config.ok) throw new Error(config.problems.join('\n'));
const registry = await loadPackRegistry({ policy: config.config.policy, packs: config.config.packs });
if (!registry.ok) throw new Error(registry.lines.join('\n'));
const bot = await startWaymark(config.config, pino({ level: 'silent' }), registry.value);
const store = bot.ctx.store;
await store.putStaff({ id: 'coach@bench.example', name: 'Bench Coach', roles: ['coach'], slackUserId: 'UBENCH', teamsUserId: 'aad-bench' });
for (let i = 0; i < LEARNERS; i++) {
  await store.putLearner({ id: `L${i}`, name: `Learner ${i}`, programme: 'apprenticeship', nation: 'england', startDate: '2026-09-01', coach: 'coach@bench.example', policy: 'mtt' });
}
// Loading the learners kept the event loop busy, and the bot's overload check (LoopLoad,
// smoothed over about 100 ms) would still count it against the first requests: a second's
// pause lets it settle, as it has long before a real team's first request.
await new Promise((r) => setTimeout(r, 1_000));
process.stdout.write(`ready ${bot.port}\n`);
process.on('SIGTERM', async () => {
  await bot.stop();
  process.exit(0);
});
