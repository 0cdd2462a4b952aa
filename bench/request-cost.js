/**
 * What one chat request costs (`node bench/request-cost.js [kind,...]`; not part of
 * `npm run bench`): the bot in its own process on the embedded store (as
 * bench/chat-load.js starts it), sent 600 requests of one kind, LOAD_AT_ONCE (default 1)
 * at a time, each sent once the one before it is answered (its ack, and the answer that
 * follows it). Prints the requests answered per second; the bot's CPU time (both its
 * threads, from /proc) per request, counted until 2.5 s after the last ack so the posts
 * each request set off are included; the CPU time this process spent sending them and
 * standing in for Slack and the Bot Framework (a load test's own share of the machine);
 * and how many were told Waymark was busy (those cost the busy answer, not the work).
 * Kinds: slackLog (`/waymark log`), slackHelp, slackOpen (a case card button), teamsOpen
 * (Action.Execute), teamsSubmit (a contact form). Linux only. Asserts nothing.
 */
import { BUSY_WORDS, chatRequests, FOLLOWS_WORDS, processCpuMs, startBot, startStandIn } from './chat-requests.js';
import { printTable } from './report.js';

const REQUESTS = 600;
const AT_ONCE = Number(process.env.LOAD_AT_ONCE ?? 1);
const SETTLE_MS = 2_500;
const LEARNERS = 500;

let busy = 0;
/** Who waits for the answer to request i (the one that follows its ack), by i. */
const waiting = new Map();
const sink = await startStandIn((request, body) => {
  if (body.includes(BUSY_WORDS)) busy++;
  waiting.get(request)?.();
  waiting.delete(request);
});

const { bot, port } = await startBot({ sinkUrl: sink.url, learners: LEARNERS });
const send = chatRequests(port, sink.url);

const learner = (i) => `L${i % LEARNERS}`;

const KINDS = {
  slackLog: (i) => send.logContact(i, learner(i)),
  slackHelp: (i) => send.command(i, 'help'),
  slackOpen: (i) => send.openCaseButton(i, learner(i)),
  teamsOpen: (i) => send.openCaseAction(i, learner(i)),
  teamsSubmit: (i) => send.submitContact(i, learner(i)),
};

const wanted = process.argv[2]?.split(',') ?? Object.keys(KINDS);
const unknown = wanted.filter((k) => !(k in KINDS));
if (unknown.length > 0) throw new Error(`unknown kind ${unknown.join(', ')}; kinds: ${Object.keys(KINDS).join(', ')}`);

console.log(`Waymark per-request cost (the bot on the embedded store; ${REQUESTS} requests per kind, ${AT_ONCE} at a time)`);
const rows = [];
let serial = 1;
for (const kind of wanted) {
  await new Promise((r) => setTimeout(r, 1_500));
  const cpuBefore = processCpuMs(bot.pid);
  const ownBefore = process.cpuUsage();
  busy = 0;
  const start = performance.now();
  let sent = 0;
  await Promise.all(
    Array.from({ length: AT_ONCE }, async () => {
      while (sent < REQUESTS) {
        sent++;
        const i = serial++;
        // The answer that follows the ack (every Slack one; a Teams invoke's when it says so).
        const answered = new Promise((resolve) => waiting.set(i, resolve));
        const res = await KINDS[kind](i);
        const body = await res.text();
        if (res.status !== 200) throw new Error(`${kind}: HTTP ${res.status}`);
        if (body.includes(BUSY_WORDS)) busy++;
        else if (kind.startsWith('slack') || body.includes(FOLLOWS_WORDS)) await answered;
        waiting.delete(i);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const own = process.cpuUsage(ownBefore);
  rows.push([kind, REQUESTS / seconds, (processCpuMs(bot.pid) - cpuBefore) / REQUESTS, (own.user + own.system) / 1000 / REQUESTS, busy]);
}
printTable(['kind', 'requests/s', 'bot CPU ms per request', 'sender CPU ms per request', 'told busy'], rows);
bot.kill('SIGTERM');
sink.close();
