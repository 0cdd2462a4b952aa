/**
 * Chat load benchmark (run by `npm run bench`): correctly signed Slack slash commands and
 * button clicks, and Teams invokes through the CloudAdapter, sent on loopback to the bot
 * (its own process, embedded store) at 50, 100 and 200 requests a second for 30 s each,
 * open loop (sent on schedule whether or not earlier ones have been answered). Prints the
 * acknowledgement latency p50/p99/p99.9 per platform, errors, and p99 as a share of the
 * platform's budget (Slack 3,000 ms, a Teams invoke 5,000 ms). Stops by itself.
 */
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { printTable, writeSummary } from './report.js';

/* global fetch */

const RATES = (process.env.LOAD_RATES ?? '50,100,200').split(',').map(Number);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 30);
const LEARNERS = 500;
const SECRET = 'bench-signing-secret';
const BUDGET = { slack: 3_000, teams: 5_000 };
const RESULTS = fileURLToPath(new URL('./results/chat-load.json', import.meta.url));

// Stand-ins for Slack's Web API (and response_url) and the Bot Framework connector.
const sink = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, id: 'a1', channel: 'C1', ts: '1.1', view: { id: 'V1' } }));
  });
});
await new Promise((r) => sink.listen(0, '127.0.0.1', r));
const sinkUrl = `http://127.0.0.1:${sink.address().port}`;

const bot = spawn(process.execPath, [fileURLToPath(new URL('./chat-load-bot.js', import.meta.url))], {
  env: { ...process.env, LOAD_SIGNING_SECRET: SECRET, LOAD_SLACK_API_URL: `${sinkUrl}/api/`, LOAD_LEARNERS: String(LEARNERS) },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const port = await new Promise((resolve) => createInterface({ input: bot.stdout }).on('line', (l) => l.startsWith('ready ') && resolve(Number(l.slice(6)))));
const slackUrl = `http://127.0.0.1:${port}/slack/events`;
const teamsUrl = `http://127.0.0.1:${port}/api/messages`;

let serial = 0;
function slackRequest() {
  const i = ++serial;
  const learner = `L${i % LEARNERS}`;
  const form =
    i % 3 === 0
      ? { payload: JSON.stringify({ type: 'block_actions', user: { id: 'UBENCH' }, trigger_id: `t${i}`, response_url: `${sinkUrl}/respond`, container: { type: 'message', message_ts: `${i}.1` }, actions: [{ type: 'button', action_id: 'waymark.open-case', value: JSON.stringify({ learner }), action_ts: String(i) }] }) }
      : { command: '/waymark', text: `log ${learner} phone no-answer "attempt ${i}"`, user_id: 'UBENCH', channel_id: 'C1', trigger_id: `t${i}`, response_url: `${sinkUrl}/respond` };
  const body = new URLSearchParams(form).toString();
  const ts = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  return fetch(slackUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': signature }, body });
}

function teamsRequest() {
  const i = ++serial;
  const learner = `L${i % LEARNERS}`;
  const value = i % 2 === 0 ? { action: { type: 'Action.Execute', verb: 'open-case', data: { learner } } } : { data: { verb: 'submit-contact', learner, form: `f${i}`, channel: 'email', outcome: 'no_response' } };
  const activity = {
    type: 'invoke',
    name: i % 2 === 0 ? 'adaptiveCard/action' : 'task/submit',
    id: `act-${i}`,
    serviceUrl: `${sinkUrl}/`,
    channelId: 'msteams',
    from: { id: '29:aad-bench', aadObjectId: 'aad-bench' },
    recipient: { id: '28:waymark' },
    conversation: { id: 'a:bench', conversationType: 'personal', tenantId: 't1' },
    value,
  };
  return fetch(teamsUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
}

/** Sends `rate` requests a second for SECONDS, alternating platforms; returns each platform's latencies and errors. */
async function stage(rate) {
  const result = { slack: { ms: [], errors: 0 }, teams: { ms: [], errors: 0 } };
  const total = rate * SECONDS;
  const start = performance.now();
  const inFlight = [];
  for (let n = 0; n < total; n++) {
    const due = start + (n * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const platform = n % 2 === 0 ? 'slack' : 'teams';
    const sent = performance.now();
    inFlight.push(
      (platform === 'slack' ? slackRequest() : teamsRequest()).then(
        async (res) => {
          await res.arrayBuffer();
          result[platform].ms.push(performance.now() - sent);
          if (res.status !== 200) result[platform].errors++;
        },
        () => result[platform].errors++,
      ),
    );
  }
  await Promise.all(inFlight);
  return result;
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
console.log(`Waymark chat load (loopback; the bot in its own process on the embedded store; ${SECONDS} s per rate, half Slack, half Teams)`);
const rows = [];
const summary = { date: new Date().toISOString(), seconds: SECONDS, stages: [] };
for (const rate of RATES) {
  const result = await stage(rate);
  for (const platform of ['slack', 'teams']) {
    const sorted = result[platform].ms.sort((a, b) => a - b);
    const p99 = pct(sorted, 99);
    const figures = { rate, platform, requests: sorted.length, p50: pct(sorted, 50), p99, p999: pct(sorted, 99.9), errors: result[platform].errors, budgetShare: p99 / BUDGET[platform] };
    summary.stages.push(figures);
    rows.push([`${rate}/s ${platform}`, figures.requests, figures.p50, figures.p99, figures.p999, figures.errors, `${(figures.budgetShare * 100).toFixed(1)}%`]);
  }
}
printTable(['rate, platform', 'requests', 'p50 ms', 'p99 ms', 'p99.9 ms', 'errors', 'p99 / budget'], rows);
const at100 = summary.stages.filter((s) => s.rate === 100);
if (at100.length > 0) console.log(`aim: p99 <= 100 ms at 100/s: ${at100.every((s) => s.p99 <= 100) ? 'met' : 'NOT met'} (${at100.map((s) => `${s.platform} ${s.p99.toFixed(1)} ms`).join(', ')})`);
writeSummary(RESULTS, summary);
console.log(`summary written to ${RESULTS}`);
bot.kill('SIGTERM');
sink.close();
sink.closeAllConnections();
