/**
 * With Bot Framework credentials configured, every Teams request's token is checked for
 * real: the test publishes an OpenID configuration and signing keys of its own, signs
 * tokens with its key, and points the bot's authentication at that configuration in place
 * of Microsoft's (everything else is botbuilder's public-cloud default). A valid token
 * runs the command end to end; a token that fails any check is a 401 and nothing is stored.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPrivateKey, generateKeyPairSync, sign, type JsonWebKey, type KeyObject } from 'node:crypto';
import { AuthenticationConstants } from 'botframework-connector';
import { CallerIdConstants } from 'botbuilder';
import { createTeamsBot } from '../../../src/bots/teams/teams-app.js';
import { CaseQueries } from '../../../src/cases/case-queries.js';
import { CaseService } from '../../../src/cases/case-service.js';
import { RecordingNotifier } from '../../../src/cases/notifier.js';
import { createHttpApp } from '../../../src/http/app.js';
import { BUILTIN_PACK_IDS, builtinPack } from '../../../src/rules/packs/index.js';
import type { OpenStore } from '../../../src/store/open-store.js';
import { caseContext, learner, openTestStore } from '../../store/contract/harness.js';
import { serve, type Served } from '../../http/serve.js';
import { startFakeConnector, type FakeConnector } from './teams-harness.js';

const BOT_ID = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
const ISSUER = AuthenticationConstants.ToBotFromChannelTokenIssuer;
const KID = 'waymark-test-key';

/** An OpenID configuration and JWKS, as login.botframework.com publishes them, for one key. */
async function startKeyServer(publicJwk: JsonWebKey): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openidconfiguration') res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    else if (req.url === '/keys') res.end(JSON.stringify({ keys: [{ ...publicJwk, kid: KID, use: 'sig', endorsements: ['msteams'] }] }));
    else res.writeHead(404).end('{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/openidconfiguration`, server };
}

const b64 = (value: object | Buffer) => (Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value))).toString('base64url');

function jwt(key: KeyObject, claims: Record<string, unknown>, header: Record<string, unknown> = { alg: 'RS256', typ: 'JWT', kid: KID }): string {
  const body = `${b64(header)}.${b64(claims)}`;
  return `${body}.${b64(sign('RSA-SHA256', Buffer.from(body), key))}`;
}

let opened: OpenStore;
let api: Served;
let connector: FakeConnector;
let keyServer: Server;
let privateKey: KeyObject;
const logged: string[] = [];

beforeAll(async () => {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  privateKey = pair.privateKey;
  const keys = await startKeyServer(pair.publicKey.export({ format: 'jwk' }));
  keyServer = keys.server;
  connector = await startFakeConnector();
  opened = await openTestStore('teams-auth');
  await opened.store.putStaff({ id: 'c@x.org', name: 'C', roles: ['coach'], teamsUserId: 'aad-c' });
  await opened.store.putLearner(learner('A1', { coach: 'c@x.org' }));
  const ctx = caseContext(opened);
  const service = new CaseService({ ctx, notifier: new RecordingNotifier() });
  const bot = createTeamsBot({
    ctx,
    service,
    queries: new CaseQueries(ctx),
    packs: BUILTIN_PACK_IDS.map((id) => builtinPack(id)!),
    answerWithinMs: 60_000, // the reply is read in place (see teams-harness.ts)
    config: {
      botId: BOT_ID,
      botPassword: 'secret',
      botType: 'MultiTenant',
      // botbuilder takes these as one set: Microsoft's public-cloud values, but the keys.
      authentication: {
        ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
        ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
        ToBotFromChannelTokenIssuer: ISSUER,
        OAuthUrl: AuthenticationConstants.OAuthUrl,
        ToBotFromChannelOpenIdMetadataUrl: keys.url,
        ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
        CallerId: CallerIdConstants.PublicAzureChannel,
      },
    },
    log: (line) => logged.push(line),
  });
  // The bot's own HTTP app, as `waymark run` composes it.
  api = await serve(createHttpApp({ ctx, service, apiKeys: undefined, defaultPolicy: 'mtt', ready: async () => null, log: (line) => logged.push(line), routers: [bot.router] }));
});
afterAll(async () => {
  await api.close();
  await connector.close();
  await new Promise((r) => {
    keyServer.close(r);
    keyServer.closeAllConnections();
  });
  await opened.close();
});

let serial = 0;
function message(text: string) {
  return {
    type: 'message',
    id: `a${++serial}`,
    serviceUrl: connector.url,
    channelId: 'msteams',
    from: { id: '29:aad-c', aadObjectId: 'aad-c' },
    recipient: { id: `28:${BOT_ID}` },
    conversation: { id: 'a:personal', conversationType: 'personal' },
    text,
  };
}

function claims(overrides: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1_000);
  return { iss: ISSUER, aud: BOT_ID, serviceurl: connector.url, nbf: now - 60, iat: now - 60, exp: now + 3_600, ...overrides };
}

async function post(body: object, authorization?: string) {
  const res = await fetch(`${api.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization === undefined ? {} : { authorization }) },
    body: JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

const contactsOf = async (id: string) => (await opened.store.eventsOf(id)).filter((e) => e.event.type === 'contact');

test('a valid token: the command runs, its event is stored and the reply comes back', async () => {
  // expectReplies: the replies come back in the response (no outbound token is needed offline).
  const res = await post({ ...message('log A1 phone reached "signed and accepted"'), deliveryMode: 'expectReplies' }, `Bearer ${jwt(privateKey, claims())}`);
  expect(res.status).toBe(200);
  const replies = (JSON.parse(res.text) as { activities: { summary?: string }[] }).activities;
  expect(replies.map((a) => a.summary)).toEqual(['Contact logged: phone, reached, for Learner A1.']);
  const contacts = await contactsOf('A1');
  expect(contacts).toHaveLength(1);
  expect(contacts[0]!.actor).toEqual({ kind: 'staff', id: 'c@x.org' });
  expect(logged).toEqual([]);
});

const refused: [string, () => string | undefined][] = [
  ['no Authorization header', () => undefined],
  ['a header that is not a bearer token', () => 'Basic Y29hY2g6cGFzcw=='],
  ['a token for another bot (audience)', () => `Bearer ${jwt(privateKey, claims({ aud: '11111111-2222-3333-4444-555555555555' }))}`],
  ['a token from another issuer', () => `Bearer ${jwt(privateKey, claims({ iss: 'https://sts.example.org/' }))}`],
  ['an expired token', () => `Bearer ${jwt(privateKey, claims({ nbf: Math.floor(Date.now() / 1_000) - 7_200, exp: Math.floor(Date.now() / 1_000) - 3_600 }))}`],
  ['a tampered token (claims changed after signing)', () => {
    const [header, , signature] = jwt(privateKey, claims({ aud: 'someone-else' })).split('.');
    return `Bearer ${header}.${b64(claims())}.${signature}`;
  }],
  ['an unsigned token (alg none)', () => `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`],
  ['a token signed with another key', () => `Bearer ${jwt(createPrivateKey(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' })), claims())}`],
  ['a token for another service URL', () => `Bearer ${jwt(privateKey, claims({ serviceurl: 'https://smba.example.org/' }))}`],
];

test.each(refused)('%s: 401, nothing stored, no internals in the answer', async (_name, token) => {
  const before = (await contactsOf('A1')).length;
  const res = await post(message('log A1 phone reached "must not be stored"'), token());
  expect(res.status).toBe(401);
  expect(JSON.parse(res.text)).toEqual({ error: expect.stringMatching(/^unauthorized: /) });
  expect(await contactsOf('A1')).toHaveLength(before);
});

test('a body that is not an activity, with or without a valid token: 401 without, 400 with', async () => {
  expect((await post({})).status).toBe(401);
  const res = await post({ hello: 'world' }, `Bearer ${jwt(privateKey, claims())}`);
  expect(res.status).toBe(400);
  expect(JSON.parse(res.text)).toEqual({ error: 'not a Bot Framework activity: type: Invalid input: expected string, received undefined' });
});
