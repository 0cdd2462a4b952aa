/**
 * The demo provider for local mode: for every built-in policy, its learners' histories
 * give the bot something to show: learners at risk, open tasks, a step waiting for the
 * playground user's approval, and (where the policy has meetings) an agenda; and the
 * start-up line that opens the register as the demo user.
 */
import { CaseQueries } from '../../src/cases/case-queries.js';
import { CaseService } from '../../src/cases/case-service.js';
import { RecordingNotifier } from '../../src/cases/notifier.js';
import { DEMO_COACH, demoRegisterLine, loadDemoProvider } from '../../src/server/demo-provider.js';
import { LinkSigner, PERSON_LINK_MS, WebLinks } from '../../src/web/links.js';
import { BUILTIN_PACK_IDS, builtinPack } from '../../src/rules/packs/index.js';
import { openTestStore } from '../store/contract/harness.js';

test.each(BUILTIN_PACK_IDS)('%s', async (packId) => {
  const opened = await openTestStore(`demo-${packId}`);
  try {
    const ctx = { store: opened.store, packFor: builtinPack, now: () => new Date('2026-11-25T10:00:00Z') };
    const notifier = new RecordingNotifier();
    const service = new CaseService({ ctx, notifier });
    const summary = await loadDemoProvider(ctx, service, notifier, builtinPack(packId)!);
    expect(summary.learners).toBe(8);
    expect(summary.atRisk).toBeGreaterThanOrEqual(3);
    expect(summary.waitingForApproval).toBeGreaterThanOrEqual(1);
    const queries = new CaseQueries(ctx);
    const caseload = await queries.caseload(DEMO_COACH);
    expect(caseload.ok && caseload.value.filter((i) => i.case.atRisk).length).toBe(summary.atRisk);
    expect(caseload.ok && caseload.value.some((i) => i.case.nextDeadline !== null)).toBe(true);
    const approvals = await queries.pendingApprovals(DEMO_COACH);
    expect(approvals.ok && approvals.value.length).toBe(summary.waitingForApproval);
    expect(notifier.of('at-risk-alert').length).toBeGreaterThanOrEqual(summary.atRisk);
  } finally {
    await opened.close();
  }
});

test('the start-up Register line: a link for the demo user, good for 15 minutes, and how to get another', () => {
  const links = new WebLinks(new LinkSigner('a-demo-test-secret-long-enough-0123'), () => 'http://localhost:3000');
  const now = new Date('2026-11-25T10:00:00Z');
  const line = demoRegisterLine(links, now);
  const m = /^Register: (http:\/\/localhost:3000\/web\/alex\.wilber%40demo\.waymark\/register\?t=(\S+)) \(works for 15 minutes; type "register" in chat for a new one\)$/.exec(line);
  expect(m).not.toBeNull();
  expect(links.signer.check(m![2], `staff:${DEMO_COACH}`, now)).toBeNull();
  expect(links.signer.check(m![2], `staff:${DEMO_COACH}`, new Date(now.getTime() + PERSON_LINK_MS - 1))).toBeNull();
  expect(links.signer.check(m![2], `staff:${DEMO_COACH}`, new Date(now.getTime() + PERSON_LINK_MS))).toBe('expired');
});
