/**
 * The demo provider for local mode: for every built-in policy, its learners' histories
 * give the bot something to show: learners at risk, open tasks, a step waiting for the
 * playground user's approval, and (where the policy has meetings) an agenda.
 */
import { CaseQueries } from '../../src/cases/case-queries.js';
import { CaseService } from '../../src/cases/case-service.js';
import { RecordingNotifier } from '../../src/cases/notifier.js';
import { DEMO_COACH, loadDemoProvider } from '../../src/server/demo-provider.js';
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
