/**
 * Chat load benchmark (run by `npm run bench`): correctly signed Slack slash commands and
 * button clicks, and Teams invokes through the CloudAdapter, sent on loopback to the bot
 * (its own process, embedded store) at 50, 100, 200, 400 and 600 requests a second for 30 s
 * each, open loop (sent on schedule whether or not earlier ones have been answered).
 * Prints the acknowledgement latency p50/p99/p99.9 per platform, errors, p99 as a share of
 * the platform's budget (Slack 3,000 ms, a Teams invoke 5,000 ms), and when the work
 * behind the requests was done: each request's answer (Slack's response_url, a Teams
 * invoke's own answer or the message that follows it) is timed at the stand-in server, so
 * it prints the requests whose work finished per second, how long after the last ack the
 * last work finished, and how many people were told Waymark was busy; and the CPU time a
 * request cost, the bot's (both its threads, from /proc) and this process's (sending and
 * standing in for Slack and Teams), and the requests a second the machine's cores could do
 * at that cost (where at most 5% were told busy; the highest is printed as the ceiling).
 * Stops by itself.
 * LOAD_RATES, LOAD_SECONDS and LOAD_DRAIN_SECONDS change the stages; LOAD_BOT_NODE_ARGS
 * passes flags to the bot's node (e.g. `--cpu-prof --cpu-prof-dir=bench/results`).
 */
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { BUSY_WORDS, chatRequests, FOLLOWS_WORDS, processCpuMs, startBot, startStandIn } from './chat-requests.js';
import { printTable, writeSummary } from './report.js';

const RATES = (process.env.LOAD_RATES ?? '50,100,200,400,600').split(',').map(Number);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 30);
const DRAIN_SECONDS = Number(process.env.LOAD_DRAIN_SECONDS ?? 60);
const LEARNERS = 500;
const BUDGET = { slack: 3_000, teams: 5_000 };
/** A stage's cost says what the cores allow only where at most this share was told busy. */
const CEILING_BUSY_SHARE = 0.05;
const RESULTS = fileURLToPath(new URL('./results/chat-load.json', import.meta.url));

/** Each request's answer as the stand-in server saw it, by request: when, and whether it said busy. */
const answers = new Map();

const sink = await startStandIn((request, body) => {
  if (request !== undefined) answers.set(request, { at: performance.now(), busy: body.includes(BUSY_WORDS) });
});

const { bot, port } = await startBot({ sinkUrl: sink.url, learners: LEARNERS });
const send = chatRequests(port, sink.url);

let serial = 0;
/** Slack: two contacts logged for each case button clicked. */
function slackRequest() {
  const i = ++serial;
  const learner = `L${i % LEARNERS}`;
  return { i, sent: i % 3 === 0 ? send.openCaseButton(i, learner) : send.logContact(i, learner) };
}

/** Teams: as many cases opened as contact forms submitted. */
function teamsRequest() {
  const i = ++serial;
  const learner = `L${i % LEARNERS}`;
  return { i, sent: i % 2 === 0 ? send.openCaseAction(i, learner) : send.submitContact(i, learner) };
}

/**
 * Sends `rate` requests a second for SECONDS, alternating platforms, then waits for the
 * answers that follow their acks; returns each platform's latencies and errors, and per
 * request when it was acked and when its work was done (or that it was told busy).
 */
async function stage(rate) {
  const result = { slack: { ms: [], errors: 0 }, teams: { ms: [], errors: 0 }, requests: [] };
  const cpuBefore = { bot: processCpuMs(bot.pid), sender: process.cpuUsage() };
  const total = rate * SECONDS;
  const start = performance.now();
  const inFlight = [];
  for (let n = 0; n < total; n++) {
    const due = start + (n * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const platform = n % 2 === 0 ? 'slack' : 'teams';
    const sentAt = performance.now();
    const { i, sent } = platform === 'slack' ? slackRequest() : teamsRequest();
    const request = { i, platform, sentAt, ackAt: null, ok: false, busy: false, follows: platform === 'slack' };
    result.requests.push(request);
    inFlight.push(
      sent.then(
        async (res) => {
          const body = await res.text();
          request.ackAt = performance.now();
          result[platform].ms.push(request.ackAt - sentAt);
          request.ok = res.status === 200;
          if (!request.ok) result[platform].errors++;
          // Busy in the ack itself (a Teams invoke, a Slack slash command): nothing follows.
          request.busy = body.includes(BUSY_WORDS);
          request.follows = platform === 'teams' ? body.includes(FOLLOWS_WORDS) : !request.busy;
        },
        () => result[platform].errors++,
      ),
    );
  }
  await Promise.all(inFlight);
  // The answers that follow their acks: wait while they still come, for DRAIN_SECONDS at most
  // (the rest are reported unanswered).
  const pending = () => result.requests.filter((r) => r.ok && r.follows && !answers.has(r.i)).length;
  const drainEnd = performance.now() + DRAIN_SECONDS * 1000;
  for (let left = pending(), quiet = 0; left > 0 && quiet < 10_000 && performance.now() < drainEnd; ) {
    await new Promise((r) => setTimeout(r, 250));
    const now = pending();
    quiet = now < left ? 0 : quiet + 250;
    left = now;
  }
  const sender = process.cpuUsage(cpuBefore.sender);
  result.cpuMs = { bot: processCpuMs(bot.pid) - cpuBefore.bot, sender: (sender.user + sender.system) / 1000 };
  for (const r of result.requests) {
    const answer = answers.get(r.i);
    if (r.follows) [r.doneAt, r.busy] = answer ? [answer.at, r.busy || answer.busy] : [null, r.busy];
    else r.doneAt = r.ok && !r.busy ? Math.max(r.ackAt, answer?.at ?? 0) : null;
  }
  return result;
}

/** When the work was done: requests done per second over the stage, last ack to last work done, busy and unanswered counts. */
function completion(requests) {
  const acked = requests.filter((r) => r.ok);
  const done = acked.filter((r) => !r.busy && r.doneAt !== null);
  const first = Math.min(...requests.map((r) => r.sentAt));
  const lastDone = Math.max(...done.map((r) => r.doneAt));
  const lastAck = Math.max(...acked.map((r) => r.ackAt));
  return {
    done: done.length,
    busy: acked.filter((r) => r.busy).length,
    unanswered: acked.filter((r) => !r.busy && r.doneAt === null).length,
    donePerSecond: done.length / ((lastDone - first) / 1000),
    lastWorkAfterLastAckMs: Math.max(0, lastDone - lastAck),
  };
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
console.log(`Waymark chat load (loopback; the bot in its own process on the embedded store; ${SECONDS} s per rate, half Slack, half Teams)`);
const rows = [];
const workRows = [];
const summary = { date: new Date().toISOString(), seconds: SECONDS, stages: [], work: [] };
for (const rate of RATES) {
  const result = await stage(rate);
  for (const platform of ['slack', 'teams']) {
    const sorted = result[platform].ms.sort((a, b) => a - b);
    const p99 = pct(sorted, 99);
    const work = completion(result.requests.filter((r) => r.platform === platform));
    const figures = { rate, platform, requests: sorted.length, p50: pct(sorted, 50), p99, p999: pct(sorted, 99.9), errors: result[platform].errors, busy: work.busy, budgetShare: p99 / BUDGET[platform] };
    summary.stages.push(figures);
    rows.push([`${rate}/s ${platform}`, figures.requests, figures.p50, figures.p99, figures.p999, figures.errors, figures.busy, `${(figures.budgetShare * 100).toFixed(1)}%`]);
  }
  const work = { rate, ...completion(result.requests) };
  summary.work.push(work);
  const sent = result.requests.length;
  const cpu = { bot: result.cpuMs.bot / sent, sender: result.cpuMs.sender / sent };
  // Where nearly all the work was done, what the cores could do at this stage's cost (the
  // busy answers cost far less than the work, so a stage with many of them would flatter it).
  const ceiling = work.busy <= CEILING_BUSY_SHARE * sent ? (os.cpus().length * 1000) / (cpu.bot + cpu.sender) : NaN;
  Object.assign(work, { botCpuMsPerRequest: cpu.bot, senderCpuMsPerRequest: cpu.sender, ceiling });
  workRows.push([`${rate}/s`, work.done, work.donePerSecond, work.lastWorkAfterLastAckMs, work.busy, work.unanswered, work.botCpuMsPerRequest, work.senderCpuMsPerRequest, Number.isNaN(ceiling) ? '-' : ceiling]);
}
console.log('acknowledgements');
printTable(['rate, platform', 'requests', 'p50 ms', 'p99 ms', 'p99.9 ms', 'errors', 'busy', 'p99 / budget'], rows);
console.log('\nwork behind them (both platforms)');
printTable(['rate', 'done', 'done/s', 'last done after last ack, ms', 'told busy', 'unanswered', 'bot CPU ms/request', 'load CPU ms/request', 'cores allow /s'], workRows);
const ceilings = summary.work.filter((w) => Number.isFinite(w.ceiling));
if (ceilings.length > 0) {
  const best = ceilings.reduce((a, b) => (b.ceiling > a.ceiling ? b : a));
  console.log(
    `ceiling: ${os.cpus().length} cores do at most ${best.ceiling.toFixed(0)} requests/s at the cheapest cost measured ` +
      `(the ${best.rate}/s stage: ${best.botCpuMsPerRequest.toFixed(1)} ms of the bot's CPU and ${best.senderCpuMsPerRequest.toFixed(1)} of the load's a request)`,
  );
}
for (const rate of [200, 400]) {
  const at = summary.stages.filter((s) => s.rate === rate);
  if (at.length > 0) console.log(`aim: ack p99 <= 100 ms at ${rate}/s: ${at.every((s) => s.p99 <= 100) ? 'met' : 'NOT met'} (${at.map((s) => `${s.platform} ${s.p99.toFixed(1)} ms`).join(', ')})`);
}
const best = Math.max(...summary.work.map((w) => w.donePerSecond));
console.log(`aim: work done at >= 500 requests/s: ${best >= 500 ? 'met' : 'NOT met'} (best ${best.toFixed(0)}/s; a stage sends at most its rate)`);
writeSummary(RESULTS, summary);
console.log(`summary written to ${RESULTS}`);
bot.kill('SIGTERM');
sink.close();
