/**
 * What one chat request costs the bot (`node bench/request-cost.js [kind,...]`; not part
 * of `npm run bench`): the bot in its own process on the embedded store (as
 * bench/chat-load.js starts it), sent 600 requests of one kind, four at a time; prints the
 * acknowledgements per second and the bot's CPU time (both its threads, from /proc) per
 * request, counted until 2.5 s after the last ack so the posts each request set off are
 * included. Kinds: slackLog (`/waymark log`), slackHelp, slackOpen (a case card button),
 * teamsOpen (Action.Execute), teamsSubmit (a contact form). Linux only. Asserts nothing.
 */
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { printTable } from './report.js';

/* global fetch */

const REQUESTS = 600;
const AT_ONCE = 4;
const SETTLE_MS = 2_500;
const LEARNERS = 500;
const SECRET = 'bench-signing-secret';

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

/** The bot's CPU time so far (user and system, every thread), in ms. */
const TICK_MS = 10; // USER_HZ is 100 on Linux
function botCpuMs() {
  const fields = readFileSync(`/proc/${bot.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

const slack = (form) => {
  const body = new URLSearchParams(form).toString();
  const ts = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  return fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': signature }, body });
};
const teams = (i, name, value) =>
  fetch(`http://127.0.0.1:${port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'invoke', name, id: `act-${i}`, serviceUrl: `${sinkUrl}/`, channelId: 'msteams', from: { id: '29:aad-bench', aadObjectId: 'aad-bench' }, recipient: { id: '28:waymark' }, conversation: { id: `a:bench-${i}`, conversationType: 'personal', tenantId: 't1' }, value }),
  });
const command = (i, text) => ({ command: '/waymark', text, user_id: 'UBENCH', channel_id: 'C1', trigger_id: `t${i}`, response_url: `${sinkUrl}/respond/${i}` });
const learner = (i) => `L${i % LEARNERS}`;

const KINDS = {
  slackLog: (i) => slack(command(i, `log ${learner(i)} phone no-answer "attempt ${i}"`)),
  slackHelp: (i) => slack(command(i, 'help')),
  slackOpen: (i) =>
    slack({ payload: JSON.stringify({ type: 'block_actions', user: { id: 'UBENCH' }, trigger_id: `t${i}`, response_url: `${sinkUrl}/respond/${i}`, container: { type: 'message', message_ts: `${i}.1` }, actions: [{ type: 'button', action_id: 'waymark.open-case', value: JSON.stringify({ learner: learner(i) }), action_ts: String(i) }] }) }),
  teamsOpen: (i) => teams(i, 'adaptiveCard/action', { action: { type: 'Action.Execute', verb: 'open-case', data: { learner: learner(i) } } }),
  teamsSubmit: (i) => teams(i, 'task/submit', { data: { verb: 'submit-contact', learner: learner(i), form: `f${i}`, channel: 'email', outcome: 'no_response' } }),
};

const wanted = process.argv[2]?.split(',') ?? Object.keys(KINDS);
const unknown = wanted.filter((k) => !(k in KINDS));
if (unknown.length > 0) throw new Error(`unknown kind ${unknown.join(', ')}; kinds: ${Object.keys(KINDS).join(', ')}`);

console.log(`Waymark per-request cost (the bot on the embedded store; ${REQUESTS} requests per kind, ${AT_ONCE} at a time)`);
const rows = [];
let serial = 0;
for (const kind of wanted) {
  await new Promise((r) => setTimeout(r, 1_500));
  const cpuBefore = botCpuMs();
  const start = performance.now();
  let sent = 0;
  await Promise.all(
    Array.from({ length: AT_ONCE }, async () => {
      while (sent < REQUESTS) {
        sent++;
        const res = await KINDS[kind](serial++);
        await res.text();
        if (res.status !== 200) throw new Error(`${kind}: HTTP ${res.status}`);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  rows.push([kind, REQUESTS / seconds, (botCpuMs() - cpuBefore) / REQUESTS]);
}
printTable(['kind', 'acks/s', 'bot CPU ms per request'], rows);
bot.kill('SIGTERM');
sink.close();
sink.closeAllConnections();
