/**
 * What a pack's `requires` asks of the case history before a stage is entered, an outcome
 * decided or a held recommendation made: a stage visited, a decision recorded, a contact
 * rule met, a rule fired. Each unmet one is said in the pack's own words.
 */
import type { RecommendEffect, Requirement } from '../pack/schema-parts.js';
import { anchorFor, contactProgress } from './contact-rules.js';
import type { CompiledPack } from './compile.js';
import type { FoldContext } from './context.js';
import type { Moment } from './moment.js';

/** Every requirement the case does not yet meet, each explained; empty when all are met. */
export function unmetRequirements(ctx: FoldContext, requires: readonly Requirement[] | undefined, m: Moment): string[] {
  const unmet: string[] = [];
  for (const r of requires ?? []) {
    if (!m.holds(r.when, ctx.learner)) continue;
    const missing = whatIsMissing(ctx, r);
    if (missing !== undefined) unmet.push(missing);
  }
  return unmet;
}

/** The first unmet requirement, explained (steps are refused with one reason). */
export function unmetRequirement(ctx: FoldContext, requires: readonly Requirement[] | undefined, m: Moment): string | undefined {
  return unmetRequirements(ctx, requires, m)[0];
}

/**
 * A recommendation's requirements as a list: `{ contactRule }` (the older form) is the
 * contact rule, explained by its description.
 */
export function recommendRequirements(compiled: CompiledPack, e: RecommendEffect): readonly Requirement[] | undefined {
  const requires = e.requires;
  if (requires === undefined || Array.isArray(requires)) return requires;
  const rule = compiled.contactRules.get(requires.contactRule)!;
  return [{ contactRule: rule.id, explain: rule.description }];
}

function whatIsMissing(ctx: FoldContext, r: Requirement): string | undefined {
  const s = ctx.state;
  if (r.visited !== undefined && !s.visited.includes(r.visited)) return r.explain;
  if (r.decided) {
    const { stage, outcome } = r.decided;
    // A decision at a stage counts only from the learner's latest entry to that stage.
    const since = (st: string | null) => (st === null ? -Infinity : (s.lastEntered[st] ?? -Infinity));
    if (!s.decisions.some((d) => (stage === undefined || d.stage === stage) && d.at >= since(d.stage) && outcome.includes(d.outcome))) {
      return r.explain;
    }
  }
  if (r.fired !== undefined && !(s.open && s.reasons.some((f) => f.rule === r.fired))) return r.explain;
  if (r.contactRule !== undefined) {
    const rule = ctx.compiled.contactRules.get(r.contactRule)!;
    const progress = contactProgress(rule, s.contacts, anchorFor(rule, s));
    if (!progress.met) return `${r.explain} (${progress.missing})`;
  }
  return undefined;
}
