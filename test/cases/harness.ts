/**
 * A provider in a box for workflow tests: the embedded store (or MONGODB_URI), a staff
 * directory, the case service with a recording notifier, and a clock the test moves. Time
 * passes through `advanceTo`, which wakes every learner the way the scheduler would.
 */
import { parseInstant } from '../../src/rules/calendar/index.js';
import { CaseQueries } from '../../src/cases/case-queries.js';
import { CaseService, type CommandResult } from '../../src/cases/case-service.js';
import type { CommandInput } from '../../src/cases/commands.js';
import type { Intent } from '../../src/cases/intents.js';
import { RecordingNotifier } from '../../src/cases/notifier.js';
import { wakeLearner } from '../../src/cases/wake-learner.js';
import { builtinPack } from '../../src/rules/packs/index.js';
import type { OpenStore } from '../../src/store/open-store.js';
import type { LearnerRecord, StaffRecord } from '../../src/store/records.js';
import { learner, openTestStore } from '../store/contract/harness.js';

/** A command without its actor, its key optional (distributed over the command kinds). */
export type Body = CommandInput extends infer C ? (C extends unknown ? Omit<C, 'actor' | 'key'> & { key?: string } : never) : never;

export interface Provider {
  readonly opened: OpenStore;
  readonly service: CaseService;
  readonly queries: CaseQueries;
  readonly notifier: RecordingNotifier;
  /** Every wake-up the service asked for, in order. */
  readonly wakeUps: { learnerId: string; at: Date | null }[];
  now: Date;
  /** Runs a command as `actor` with a fresh idempotency key unless one is given. */
  run(actor: string, command: Body): Promise<CommandResult>;
  /** Like run, but fails the test unless the command was recorded. */
  ok(actor: string, command: Body): Promise<Extract<CommandResult, { ok: true }>>;
  /** Feeds an event as the data feed does. */
  feed(learnerId: string, event: Record<string, unknown>): Promise<void>;
  /** Moves the clock to `at` and wakes every learner (timers, nudges, deliveries). */
  advanceTo(at: string): Promise<void>;
  /** What was sent since the last call, and forgets it. */
  take(): Intent[];
  close(): Promise<void>;
}

let serial = 0;

export async function openProvider(name: string, staff: StaffRecord[], learners: LearnerRecord[], start: string): Promise<Provider> {
  const opened = await openTestStore(name);
  for (const s of staff) await opened.store.putStaff(s);
  for (const l of learners) await opened.store.putLearner(l);
  const notifier = new RecordingNotifier();
  const wakeUps: { learnerId: string; at: Date | null }[] = [];
  const provider: Provider = {
    opened,
    notifier,
    wakeUps,
    now: new Date(start),
    service: undefined as never,
    queries: undefined as never,
    async run(actor, command) {
      return provider.service.execute({ key: `k${++serial}`, ...command, actor });
    },
    async ok(actor, command) {
      const result = await provider.run(actor, command);
      if (!result.ok) throw new Error(`${command.kind} by ${actor} was refused: ${result.refusal.code}: ${result.refusal.message}`);
      return result;
    },
    async feed(learnerId, event) {
      // The feed sends an event when it happens: the clock is at least that late (an event
      // dated ahead of the clock would be refused).
      const at = typeof event.at === 'string' ? parseInstant(event.at) : undefined;
      if (at !== undefined && at > provider.now.getTime()) provider.now = new Date(at);
      const result = await provider.service.ingest({ kind: 'feed', id: 'test-feed' }, learnerId, { id: `f${++serial}`, ...event });
      if (result.status !== 'stored') throw new Error(`feed event refused: ${JSON.stringify(result)}`);
    },
    async advanceTo(at) {
      provider.now = new Date(at);
      for (const l of learners) await wakeLearner(ctx, notifier, l.id, provider.now);
    },
    take: () => notifier.clear(),
    close: () => opened.close(),
  };
  const ctx = { store: opened.store, packFor: (id: string) => builtinPack(id), now: () => provider.now };
  Object.assign(provider, {
    service: new CaseService({
      ctx,
      notifier,
      wakeAt: async (learnerId: string, at: Date | null) => void wakeUps.push({ learnerId, at }),
    }),
    queries: new CaseQueries(ctx),
  });
  return provider;
}

/** A learner under `policy` with no coach unless `fields` names one. */
export function learnerRecord(id: string, policy: string, fields: Partial<LearnerRecord> = {}): LearnerRecord {
  const { coach: _coach, ...record } = learner(id, { policy, ...fields });
  return fields.coach === undefined ? record : { ...record, coach: fields.coach };
}

export function person(id: string, roles: string[], fields: Partial<StaffRecord> = {}): StaffRecord {
  return { id, name: id.split('@')[0]!.replace(/^./, (c) => c.toUpperCase()), roles, ...fields };
}

/** A compact view of intents for assertions: type, who (channel or people) and the gist. */
export function brief(intents: Intent[]): string[] {
  return intents.map((i) => {
    const to = i.audience.kind === 'direct' ? `dm:${[...i.audience.staffIds].sort().join('+') || `(nobody: ${i.audience.role})`}` : i.audience.kind;
    const gist = (() => {
      switch (i.type) {
        case 'at-risk-alert':
          return i.why.join('; ');
        case 'case-update':
          return i.change;
        case 'approval-request':
          return `${i.proposal.label} (${i.proposal.approverName}) by ${i.proposal.by}: ${i.reason}`;
        case 'decision-result':
          return `${i.proposal.label} ${i.verdict} by ${i.by}`;
        case 'recommendation':
          return `${i.label}${i.approverName ? ` (${i.approverName})` : ''}`;
        case 'task':
        case 'overdue':
        case 'nudge':
          return `${i.deadline.title} by ${i.deadline.due}`;
        case 'policy-notice':
          return `${i.sensitivity === 'restricted' ? '[restricted] ' : ''}${i.tellExternal ? `tell ${i.role}: ` : ''}${i.reason}`;
        case 'agenda-decision':
          return `${i.meeting} ${i.date}: ${i.outcome} / ${i.action} / ${i.owner} / ${i.reviewDate}`;
        case 'meeting-digest':
          return `${i.meeting} ${i.date}: ${i.items.length} items`;
        case 'coach-digest':
          return `${i.items.length} learners`;
      }
    })();
    return `${i.type} -> ${to}: ${gist}`;
  });
}
