/**
 * Connector clients made once per app, service URL and audience (user token clients once
 * per app), and reused: by every turn the adapter authenticates and every proactive
 * message (botbuilder would build new ones for each); at most MAX_CLIENTS kept; one that
 * could not be made is tried again.
 */
import type { Activity } from 'botbuilder';
import { ActivityAdapter } from '../../../src/bots/teams/messages-endpoint.js';
import { MAX_CLIENTS, ReusedConnectors } from '../../../src/bots/teams/reused-connectors.js';

/** A factory that counts the clients it makes (failing while `failing`). */
function countingFactory() {
  const made: string[] = [];
  const factory = {
    failing: false,
    async create(serviceUrl: string, audience?: string) {
      if (factory.failing) throw new Error('no credentials');
      made.push(`${serviceUrl} ${audience ?? ''}`);
      return { serviceUrl, audience };
    },
  };
  return { factory, made };
}
const as = (app: string) => ({ claims: [{ type: 'appid', value: app }] });

test('one client per app, service URL and audience, made once', async () => {
  const clients = new ReusedConnectors<object>();
  const { factory, made } = countingFactory();
  const a = clients.reusing(factory, as('app-1'));
  const first = await a.create('https://smba.example/emea/', 'aud');
  expect(await a.create('https://smba.example/emea/', 'aud')).toBe(first);
  // A factory made for the next turn of the same app reuses it too.
  expect(await clients.reusing(factory, as('app-1')).create('https://smba.example/emea/', 'aud')).toBe(first);
  expect(made).toEqual(['https://smba.example/emea/ aud']);
  // Another service URL, audience or app: its own client.
  await a.create('https://smba.example/amer/', 'aud');
  await a.create('https://smba.example/emea/', 'other');
  const other = await clients.reusing(factory, as('app-2')).create('https://smba.example/emea/', 'aud');
  expect(other).not.toBe(first);
  expect(made).toHaveLength(4);
  expect(clients.size).toBe(4);
});

test('at most MAX_CLIENTS kept, the oldest dropped first; a failure is not kept', async () => {
  const clients = new ReusedConnectors<object>();
  const { factory, made } = countingFactory();
  const f = clients.reusing(factory, undefined);
  for (let i = 0; i <= MAX_CLIENTS; i++) await f.create(`https://s${i}.example/`);
  expect(clients.size).toBe(MAX_CLIENTS);
  await f.create(`https://s${MAX_CLIENTS}.example/`); // the newest is kept
  expect(made).toHaveLength(MAX_CLIENTS + 1);
  await f.create('https://s0.example/'); // the oldest was dropped: made again
  expect(made).toHaveLength(MAX_CLIENTS + 2);

  factory.failing = true;
  await expect(f.create('https://down.example/')).rejects.toThrow('no credentials');
  factory.failing = false;
  await f.create('https://down.example/');
  expect(made.filter((m) => m.startsWith('https://down.example/'))).toHaveLength(1);
});

test('the adapter reuses one client for the turns it authenticates and for proactive messages', async () => {
  const adapter = new ActivityAdapter({});
  type Auth = {
    authenticateRequest(activity: Activity, header: string): Promise<{ connectorFactory?: { create(url: string, audience?: string): Promise<unknown> }; audience?: string }>;
    createConnectorFactory(identity: unknown): { create(url: string, audience?: string): Promise<unknown> };
    createUserTokenClient(identity: unknown): Promise<unknown>;
  };
  const auth = (adapter as unknown as { botFrameworkAuthentication: Auth }).botFrameworkAuthentication;
  const activity = { type: 'message', serviceUrl: 'https://smba.example/emea/', channelId: 'msteams', from: { id: 'u1' }, conversation: { id: 'c1' }, recipient: { id: 'b1' } } as Activity;
  const turn = async () => {
    const result = await auth.authenticateRequest(activity, '');
    return result.connectorFactory!.create(activity.serviceUrl, result.audience);
  };
  // botbuilder's own identity for a proactive message (createClaimsIdentity is protected).
  const identity = () => (adapter as unknown as { createClaimsIdentity(appId: string): unknown }).createClaimsIdentity('');
  const first = await turn();
  expect(first).toBeTruthy();
  expect(await turn()).toBe(first);
  const proactive = auth.createConnectorFactory(identity());
  const sent = await proactive.create('https://smba.example/emea/', 'https://api.botframework.com');
  expect(await auth.createConnectorFactory(identity()).create('https://smba.example/emea/', 'https://api.botframework.com')).toBe(sent);
  // And one user token client (botbuilder makes one for every turn).
  const tokens = await auth.createUserTokenClient(identity());
  expect(tokens).toBeTruthy();
  expect(await auth.createUserTokenClient(identity())).toBe(tokens);
});
