/**
 * A pack made ready to run for one learner's nation and programme: variants applied,
 * matchers turned into predicates, and triggers indexed by the event types they read, so
 * folding an event touches only the rules that care about it.
 */
import type { Nation } from '../calendar/index.js';
import type { EventType, Programme } from '../events/event-schema.js';
import { EVENT_TYPES } from '../events/event-schema.js';
import type { LearnerEvent } from '../events/learner-event.js';
import type { Appeal, ContactRule, FollowUp, Meeting, Outcome, Pack, Stage, Task, Trigger } from '../pack/pack-schema.js';
import type { Matcher } from '../pack/schema-parts.js';
import { resolveVariants } from '../pack/variants.js';

export type Predicate = (e: LearnerEvent) => boolean;

export interface CompiledTrigger {
  readonly index: number;
  readonly def: Trigger;
  readonly match: Predicate;
  readonly reset: Predicate;
}

export interface CompiledPack {
  readonly pack: Pack;
  readonly variants: readonly string[];
  readonly nation: Nation;
  readonly triggers: readonly CompiledTrigger[];
  /** For each event type, the triggers whose match or reset reads it. */
  readonly byType: Readonly<Record<EventType, readonly CompiledTrigger[]>>;
  /** Inactivity triggers, shortest first (then in pack order): the first unfired one per reset instant is due soonest. */
  readonly inactivity: readonly CompiledTrigger[];
  readonly tasks: ReadonlyMap<string, Task & { done?: Predicate }>;
  readonly followUps: ReadonlyMap<string, FollowUp & { cancel: Predicate }>;
  readonly stages: ReadonlyMap<string, Stage>;
  /** Stage id -> its place in the pack (stages are listed in escalation order). */
  readonly stageRank: ReadonlyMap<string, number>;
  readonly outcomes: ReadonlyMap<string, Outcome & { resume?: Predicate }>;
  readonly meetings: ReadonlyMap<string, Meeting>;
  readonly contactRules: ReadonlyMap<string, ContactRule>;
  readonly appeals: readonly Appeal[];
  readonly roles: ReadonlyMap<string, Pack['roles'][number]>;
  /** Rating -> rank (0 = lowest risk); empty when the pack has no ratings. */
  readonly ratingRank: ReadonlyMap<string, number>;
}

const NEVER: Predicate = () => false;

/** Any of the matchers; grouped by event type so an event is tested only against its own. */
export function compileMatchers(matchers: readonly Matcher[] | undefined): Predicate {
  if (!matchers || matchers.length === 0) return NEVER;
  if (matchers.length === 1) return compileMatcher(matchers[0]!);
  const byType = new Map<string, Predicate[]>();
  for (const m of matchers) {
    const list = byType.get(m.type) ?? [];
    list.push(compileMatcher(m));
    byType.set(m.type, list);
  }
  return (e) => {
    const list = byType.get(e.type);
    if (list === undefined) return false;
    for (let i = 0; i < list.length; i++) if (list[i]!(e)) return true;
    return false;
  };
}

function compileMatcher(m: Matcher): Predicate {
  const checks: Predicate[] = [];
  const oneOf = (list: readonly string[] | undefined, get: (e: LearnerEvent) => string | undefined) => {
    if (list) checks.push((e) => list.includes(get(e) as string));
  };
  if (m.notice !== undefined) checks.push((e) => (e.notice ?? false) === m.notice);
  if (m.explained !== undefined) checks.push((e) => e.explained === m.explained);
  if (m.onTarget !== undefined) checks.push((e) => (e.actual! >= e.planned!) === m.onTarget);
  if (m.notBy) {
    const notBy = m.notBy;
    checks.push((e) => e.by === undefined || !(notBy as readonly string[]).includes(e.by));
  }
  oneOf(m.by, (e) => e.by);
  oneOf(m.category, (e) => e.category);
  oneOf(m.channel, (e) => e.channel);
  oneOf(m.outcome, (e) => e.outcome);
  oneOf(m.with, (e) => e.with ?? 'learner');
  oneOf(m.stage, (e) => e.stage);
  oneOf(m.kind, (e) => e.kind);
  const type = m.type;
  if (checks.length === 0) return (e) => e.type === type;
  return (e) => {
    if (e.type !== type) return false;
    for (const c of checks) if (!c(e)) return false;
    return true;
  };
}

function daysOf(t: CompiledTrigger): number {
  return t.def.kind === 'inactivity' ? t.def.days : 0;
}

function typesOf(matchers: readonly Matcher[] | undefined): EventType[] {
  return (matchers ?? []).map((m) => m.type as EventType);
}

function compile(pack: Pack, nation: Nation, programme: Programme): CompiledPack {
  const resolved = resolveVariants(pack, nation, programme);
  const p = resolved.pack;
  const triggers: CompiledTrigger[] = p.triggers.map((def, index) => ({
    index,
    def,
    match: compileMatchers('match' in def ? def.match : undefined),
    reset: compileMatchers('resetBy' in def ? def.resetBy : undefined),
  }));
  const byType = Object.fromEntries(EVENT_TYPES.map((t) => [t, [] as CompiledTrigger[]])) as Record<EventType, CompiledTrigger[]>;
  for (const t of triggers) {
    const types = new Set<EventType>([
      ...typesOf('match' in t.def ? t.def.match : undefined),
      ...typesOf('resetBy' in t.def ? t.def.resetBy : undefined),
      ...(t.def.kind === 'progress-gap' ? (['progress'] as const) : []),
    ]);
    for (const type of types) byType[type].push(t);
  }
  return {
    pack: p,
    variants: resolved.variants,
    nation,
    triggers,
    byType,
    inactivity: triggers
      .filter((t) => t.def.kind === 'inactivity')
      .sort((a, b) => daysOf(a) - daysOf(b) || a.index - b.index),
    tasks: new Map(
      p.tasks.map((t) => [t.id, { ...t, done: t.doneWhen && 'events' in t.doneWhen ? compileMatchers(t.doneWhen.events) : undefined }]),
    ),
    followUps: new Map(p.followUps.map((f) => [f.id, { ...f, cancel: compileMatchers(f.unless) }])),
    stages: new Map(p.stages.map((s) => [s.id, s])),
    stageRank: new Map(p.stages.map((s, i) => [s.id, i])),
    outcomes: new Map(p.outcomes.map((o) => [o.id, { ...o, resume: o.resumeOn ? compileMatchers(o.resumeOn) : undefined }])),
    meetings: new Map(p.meetings.map((m) => [m.id, m])),
    contactRules: new Map(p.contactRules.map((c) => [c.id, c])),
    appeals: p.appeals,
    roles: new Map(p.roles.map((r) => [r.id, r])),
    ratingRank: new Map((p.ratings?.scale ?? []).map((r, i) => [r, i])),
  };
}

const cache = new WeakMap<Pack, Map<string, CompiledPack>>();

/** The compiled pack for a nation and programme; compiled once per pack object and kept. */
export function compiledFor(pack: Pack, nation: Nation, programme: Programme): CompiledPack {
  let byKey = cache.get(pack);
  if (!byKey) cache.set(pack, (byKey = new Map()));
  const key = `${nation}/${programme}`;
  let compiled = byKey.get(key);
  if (!compiled) byKey.set(key, (compiled = compile(pack, nation, programme)));
  return compiled;
}
