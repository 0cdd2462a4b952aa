/**
 * A provider with a history, served through the bot's HTTP app with the web pages on, for
 * the web tests: four atl learners (two coaches), one with a restricted safeguarding
 * concern, a bpn learner, a manager, a safeguarding lead and an SMT-like overseer. The clock
 * is the provider's (`provider.now`); links are signed against it.
 */
import { createHttpApp } from '../../src/http/app.js';
import { LinkSigner, WebLinks, type WebPage } from '../../src/web/links.js';
import { builtinPack } from '../../src/rules/packs/index.js';
import type { CaseContext } from '../../src/cases/case-context.js';
import { learnerRecord, openProvider, person, type Provider } from '../cases/harness.js';
import { serve, type Served } from '../http/serve.js';

export const COACH_A = 'ann@example.org';
export const COACH_B = 'ben@example.org';
export const MANAGER = 'maya@example.org';
export const SAFEGUARDING = 'sita@example.org';
export const OUTSIDER = 'otto@example.org';
/** The note of the restricted concern: no page shown to a coach may hold it. */
export const SECRET_NOTE = 'Disclosed a private matter XQ-7731';

export interface WebFixture {
  readonly provider: Provider;
  readonly ctx: CaseContext;
  readonly served: Served;
  readonly links: WebLinks;
  /** A signed link for `staffId` to `target`, as chat would give it (absolute URL). */
  link(staffId: string, target: WebPage): string;
  close(): Promise<void>;
}

export async function openWebFixture(name: string): Promise<WebFixture> {
  const provider = await openProvider(
    name,
    [
      person(COACH_A, ['coach']),
      person(COACH_B, ['coach']),
      person(MANAGER, ['sector-manager', 'managers', 'performance-manager']),
      person(SAFEGUARDING, ['safeguarding-team', 'safeguarding-lead']),
      person(OUTSIDER, []),
    ],
    [
      learnerRecord('L-1', 'atl', { name: 'Mia Jones', coach: COACH_A }),
      learnerRecord('L-2', 'atl', { name: 'Noah Patel', coach: COACH_A }),
      learnerRecord('L-3', 'atl', { name: 'Olivia Brown', coach: COACH_B }),
      learnerRecord('L-4', 'atl', { name: 'Liam Evans', coach: COACH_B }),
      learnerRecord('B-1', 'bpn', { name: 'Priya Shah', coach: COACH_A }),
    ],
    '2026-09-07T09:00:00Z',
  );
  // Weeks of history: at risk at different times, for different reasons.
  await provider.feed('L-1', { type: 'progress', at: '2026-09-14T10:00:00Z', actual: 10, planned: 10 });
  for (const at of ['2026-09-21T10:00:00Z', '2026-09-28T10:00:00Z', '2026-10-05T10:00:00Z']) await provider.feed('L-1', { type: 'session.missed', at });
  await provider.feed('L-2', { type: 'progress', at: '2026-10-12T10:00:00Z', actual: 18, planned: 35 });
  await provider.feed('L-3', { type: 'concern.raised', at: '2026-10-19T10:00:00Z', category: 'safeguarding', note: SECRET_NOTE });
  await provider.feed('L-4', { type: 'activity', at: '2026-09-10T10:00:00Z' });
  await provider.feed('B-1', { type: 'progress', at: '2026-10-26T10:00:00Z', actual: 20, planned: 40 });
  await provider.advanceTo('2026-11-16T09:00:00Z');
  await provider.ok(COACH_A, { kind: 'log-contact', learnerId: 'L-1', channel: 'phone', outcome: 'reached', note: 'Talked about attendance' } as never);
  provider.take();

  const ctx: CaseContext = { store: provider.opened.store, packFor: (id) => builtinPack(id), now: () => provider.now };
  let base = '';
  const links = new WebLinks(new LinkSigner('a-test-secret-that-is-long-enough-0123'), () => base);
  const app = createHttpApp({
    ctx,
    service: provider.service,
    apiKeys: undefined,
    defaultPolicy: 'atl',
    ready: async () => null,
    log: () => {},
    web: { links },
  });
  const served = await serve(app);
  base = served.url;
  return {
    provider,
    ctx,
    served,
    links,
    link: (staffId, target) => links.forPerson(staffId, target, provider.now),
    close: async () => {
      await served.close();
      await provider.close();
    },
  };
}
