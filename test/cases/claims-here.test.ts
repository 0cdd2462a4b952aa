/**
 * once() with what the process knows of its own claims (ClaimsHere): a key this process is
 * doing is held, and one it saw done is already done, without a question to the database;
 * the database's answers are the same. Counted on the real store.
 */
import { ClaimsHere, once } from '../../src/cases/once.js';
import type { OpenStore } from '../../src/store/open-store.js';
import { openTestStore } from '../store/contract/harness.js';
import { countingStore, type CountingStore } from './counting-store.js';

let opened: OpenStore;
let counted: CountingStore;
beforeAll(async () => {
  opened = await openTestStore('claims-here');
});
afterAll(() => opened.close());
beforeEach(() => {
  counted = countingStore(opened.store);
});

const CLAIMS = ['claim', 'completeClaim', 'releaseClaim', 'renewClaim'] as const;

test('a key being done here is held, without asking the database; the work runs once', async () => {
  const here = new ClaimsHere();
  const ctx = { store: counted.store, claimsHere: here };
  let finish!: () => void;
  let runs = 0;
  const first = once(ctx, 'deliver:A', () => new Promise<void>((r) => ((finish = r), runs++)));
  // Once the first has its claim and its work runs (however slow the machine):
  for (const end = Date.now() + 10_000; runs === 0 && Date.now() < end; ) await new Promise((r) => setTimeout(r, 5));
  expect(runs).toBe(1);
  expect(await once(ctx, 'deliver:A', async () => void runs++)).toBe('held');
  expect(counted.count(...CLAIMS)).toBe(1); // the first one's claim only
  finish();
  expect(await first).toBe('done');
  expect(runs).toBe(1);
  expect(here.doing.size).toBe(0);
});

test('a key seen done here is already done, without asking the database', async () => {
  const ctx = { store: counted.store, claimsHere: new ClaimsHere() };
  expect(await once(ctx, 'deliver:B', async () => {})).toBe('done');
  counted.reset();
  expect(await once(ctx, 'deliver:B', async () => {})).toBe('already-done');
  expect(counted.count(...CLAIMS)).toBe(0);
  // Without ClaimsHere the database says the same, at the cost of asking.
  expect(await once({ store: counted.store }, 'deliver:B', async () => {})).toBe('already-done');
  expect(counted.count(...CLAIMS)).toBe(1);
});

test('a key another process did is learnt done from the database once, then known', async () => {
  await once({ store: opened.store }, 'deliver:C', async () => {});
  const ctx = { store: counted.store, claimsHere: new ClaimsHere() };
  expect(await once(ctx, 'deliver:C', async () => {})).toBe('already-done');
  expect(await once(ctx, 'deliver:C', async () => {})).toBe('already-done');
  expect(counted.count(...CLAIMS)).toBe(1);
});

test('work that fails is neither done nor held here: the next try does it', async () => {
  const ctx = { store: counted.store, claimsHere: new ClaimsHere() };
  await expect(once(ctx, 'deliver:D', () => Promise.reject(new Error('Slack is down')))).rejects.toThrow('Slack is down');
  let runs = 0;
  expect(await once(ctx, 'deliver:D', async () => void runs++)).toBe('done');
  expect(runs).toBe(1);
});

test('only the latest keys seen done are remembered', async () => {
  const here = new ClaimsHere(2);
  for (const key of ['k1', 'k2', 'k3']) here.sawDone(key);
  expect([...here.done]).toEqual(['k2', 'k3']);
});
