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
import type { Cause } from './cause.js';

export type Predicate = (e: LearnerEvent) => boolean;

export interface CompiledTrigger {
  readonly index: number;
  readonly def: Trigger;
  /** Why its effects run, made once: every firing shares it (nothing changes a Cause). */
  readonly cause: Cause;
}

/**
 * A trigger as one event type sees it: its matchers for that type only, settled in advance
 * where the type alone decides. The fold tests every reading trigger on every event, so
 * this spares the common case (e.g. `{ "type": "activity" }` resetting five inactivity
 * clocks) a lookup and a call per trigger.
 */
export interface TriggerHook {
  readonly trigger: CompiledTrigger;
  /** true: every event of the type matches (a matcher with no conditions); false: none can. */
  readonly match: Predicate | boolean;
  readonly reset: Predicate | boolean;
}

export interface CompiledPack {
  readonly pack: Pack;
  readonly variants: readonly string[];
  readonly nation: Nation;
  readonly triggers: readonly CompiledTrigger[];
  /** For each event type, the triggers whose match or reset reads it (in pack order), with their matchers for that type. */
  readonly hooks: Readonly<Record<EventType, readonly TriggerHook[]>>;
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
  const test = compileConditions(m);
  const type = m.type;
  if (test === undefined) return (e) => e.type === type;
  return (e) => e.type === type && test(e);
}

/** The matchers of one event type, for events already known to be of it. */
function matcherForType(matchers: readonly Matcher[] | undefined, type: EventType): Predicate | boolean {
  const tests = (matchers ?? []).filter((m) => m.type === type).map(compileConditions);
  if (tests.length === 0) return false;
  if (tests.includes(undefined)) return true;
  const list = tests as Predicate[];
  if (list.length === 1) return list[0]!;
  return (e) => {
    for (let i = 0; i < list.length; i++) if (list[i]!(e)) return true;
    return false;
  };
}

/** A matcher's conditions besides its type; undefined when it has none. */
function compileConditions(m: Matcher): Predicate | undefined {
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
  if (checks.length === 0) return undefined;
  if (checks.length === 1) return checks[0]!;
  return (e) => {
    for (let i = 0; i < checks.length; i++) if (!checks[i]!(e)) return false;
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
    cause: { rule: def.id, reason: def.description, source: def.source, stage: null },
  }));
  const hooks = Object.fromEntries(EVENT_TYPES.map((t) => [t, [] as TriggerHook[]])) as Record<EventType, TriggerHook[]>;
  for (const t of triggers) {
    const match = 'match' in t.def ? t.def.match : undefined;
    const reset = 'resetBy' in t.def ? t.def.resetBy : undefined;
    const types = new Set<EventType>([...typesOf(match), ...typesOf(reset), ...(t.def.kind === 'progress-gap' ? (['progress'] as const) : [])]);
    for (const type of types) {
      hooks[type].push({ trigger: t, match: matcherForType(match, type), reset: matcherForType(reset, type) });
    }
  }
  return {
    pack: p,
    variants: resolved.variants,
    nation,
    triggers,
    hooks,
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

// pack -> nation -> programme: looked up once per learner folded, so no key string is built.
const cache = new WeakMap<Pack, Map<Nation, Map<Programme, CompiledPack>>>();

/** The compiled pack for a nation and programme; compiled once per pack object and kept. */
export function compiledFor(pack: Pack, nation: Nation, programme: Programme): CompiledPack {
  let byNation = cache.get(pack);
  if (!byNation) cache.set(pack, (byNation = new Map()));
  let byProgramme = byNation.get(nation);
  if (!byProgramme) byNation.set(nation, (byProgramme = new Map()));
  let compiled = byProgramme.get(programme);
  if (!compiled) byProgramme.set(programme, (compiled = compile(pack, nation, programme)));
  return compiled;
}
