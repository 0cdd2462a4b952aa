/**
 * The chat benchmarks' shared parts (chat-load.js, request-cost.js): the bot started in its
 * own process (chat-load-bot.js) with Slack pointed at a stand-in server, and the requests
 * Slack and Teams would send it: signed Slack forms and Teams invokes, each for request
 * number `i` (which names its response_url or conversation, so an answer can be matched).
 */
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/* global fetch */

export const SECRET = 'bench-signing-secret';

// Words of the bot's answers (src/bots/conversation.ts: BUSY, WORKING_ON_IT).
export const BUSY_WORDS = 'Waymark is busy';
export const FOLLOWS_WORDS = 'the answer will follow';

/**
 * The request number an answer at the stand-in server is for: Slack answers at
 * /respond/<i>; Teams posts to /v3/conversations/a:bench-<i>/activities. Undefined for other posts.
 */
export const requestOf = (url) => /\/respond\/(\d+)/.exec(url)?.[1] ?? /\/v3\/conversations\/a(?::|%3A)bench-(\d+)\//i.exec(url)?.[1];

/**
 * A stand-in for Slack's Web API (and response_url) and the Bot Framework connector on
 * loopback: answers every post as they would, and hands `onPost` the request it answers
 * (requestOf; undefined for other posts) and its body. Resolves with its address.
 */
export async function startStandIn(onPost) {
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const request = requestOf(req.url ?? '');
      onPost(request === undefined ? undefined : Number(request), Buffer.concat(chunks).toString());
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, id: 'a1', channel: 'C1', ts: '1.1', view: { id: 'V1' } }));
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => {
      server.close();
      server.closeAllConnections();
    },
  };
}

/**
 * Starts the bot with `learners` learners and one coach; resolves once it listens. Its node
 * gets LOAD_BOT_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=bench/results`).
 */
export async function startBot({ sinkUrl, learners, nodeArgs = (process.env.LOAD_BOT_NODE_ARGS ?? '').split(' ').filter(Boolean) }) {
  const bot = spawn(process.execPath, [...nodeArgs, fileURLToPath(new URL('./chat-load-bot.js', import.meta.url))], {
    env: { ...process.env, LOAD_SIGNING_SECRET: SECRET, LOAD_SLACK_API_URL: `${sinkUrl}/api/`, LOAD_LEARNERS: String(learners) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // A benchmark that fails must not leave its bot running (and `npm run bench` waiting on it).
  process.once('exit', () => bot.kill('SIGKILL'));
  const port = await new Promise((resolve) => createInterface({ input: bot.stdout }).on('line', (l) => l.startsWith('ready ') && resolve(Number(l.slice(6)))));
  return { bot, port };
}

/** A process's CPU time so far (user and system, every thread), in ms, from /proc; NaN where there is none (not Linux). */
export function processCpuMs(pid) {
  const TICK_MS = 10; // USER_HZ is 100 on Linux
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return NaN;
  }
}

/** The requests of the bench coach (UBENCH in Slack, aad-bench in Teams) to the bot on `port`. */
export function chatRequests(port, sinkUrl) {
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
  const command = (i, text) => slack({ command: '/waymark', text, user_id: 'UBENCH', channel_id: 'C1', trigger_id: `t${i}`, response_url: `${sinkUrl}/respond/${i}` });
  return {
    /** `/waymark <text>`, answered at /respond/<i>. */
    command,
    /** `/waymark log <learner> phone no-answer`. */
    logContact: (i, learner) => command(i, `log ${learner} phone no-answer "attempt ${i}"`),
    /** A click on a case card's Open button, answered at /respond/<i>. */
    openCaseButton: (i, learner) =>
      slack({ payload: JSON.stringify({ type: 'block_actions', user: { id: 'UBENCH' }, trigger_id: `t${i}`, response_url: `${sinkUrl}/respond/${i}`, container: { type: 'message', message_ts: `${i}.1` }, actions: [{ type: 'button', action_id: 'waymark.open-case', value: JSON.stringify({ learner }), action_ts: String(i) }] }) }),
    /** A Teams Action.Execute opening a case, in conversation a:bench-<i>. */
    openCaseAction: (i, learner) => teams(i, 'adaptiveCard/action', { action: { type: 'Action.Execute', verb: 'open-case', data: { learner } } }),
    /** A Teams contact form submitted, in conversation a:bench-<i>. */
    submitContact: (i, learner) => teams(i, 'task/submit', { data: { verb: 'submit-contact', learner, form: `f${i}`, channel: 'email', outcome: 'no_response' } }),
  };
}
