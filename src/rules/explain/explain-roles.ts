/**
 * Who is involved: each role of the pack, whether it is inside the provider, whether it may
 * see confidential details, and what the pack gives it to do (with or without a variant).
 */
import type { Pack } from '../pack/pack-schema.js';
import type { DocSection } from './policy-document.js';
import { setters } from './element-items.js';
import { withVariant } from './explain-variants.js';
import { joinAnd, joinOr, outcomeLabel, plural, quoted } from './words.js';

export function rolesSection(pack: Pack, id: string): DocSection {
  return {
    id,
    title: 'Who is involved',
    intro: ['Roles outside the provider are told by staff; they never use Waymark.'],
    table: {
      columns: ['Role', 'Id', 'Inside the provider', 'Sees confidential details', 'Involvement'],
      rows: pack.roles.map((r) => [r.name, r.id, r.external ? 'no' : 'yes', r.seesRestricted ? 'yes' : 'no', involvement(pack, r.id) || '—']),
    },
    items: [],
  };
}

/** What a role does under the pack, and the variants that change it. */
function involvement(pack: Pack, roleId: string): string {
  const own = duties(pack, roleId);
  const varied = pack.variants.filter((v) => duties(withVariant(pack, v), roleId).join() !== own.join()).map((v) => quoted(v.id));
  if (varied.length > 0) own.push(`its part changes under the ${joinAnd(varied)} ${varied.length === 1 ? 'variant' : 'variants'}`);
  return own.join('; ');
}

function duties(pack: Pack, roleId: string): string[] {
  const names = (list: readonly { name: string }[]) => joinAnd(list.map((x) => x.name));
  const parts = [
    ['runs', names(pack.stages.filter((s) => s.owner === roleId))],
    ['approves entry to', names(pack.stages.filter((s) => s.approvedBy === roleId))],
    ['decides the outcome of', names(pack.stages.filter((s) => s.decidedBy === roleId))],
    ['decides, where the stage names no decider,', joinAnd(pack.outcomes.filter((o) => o.decidedBy === roleId).map((o) => quoted(o.label)))],
    ['holds', names(pack.meetings.filter((m) => m.role === roleId))],
    ['hears', joinAnd(pack.appeals.filter((a) => a.heardBy === roleId).map((a) => `appeals against ${joinOr(a.after.map((o) => quoted(outcomeLabel(pack, o))))}`))],
  ]
    .filter(([, what]) => what !== '')
    .map(([verb, what]) => `${verb} ${what}`);
  const tasks = pack.tasks.filter((t) => t.role === roleId).length;
  if (tasks > 0) parts.push(`has ${plural(tasks, 'task', 'tasks')}`);
  const told = setters(pack, (e) => e.do === 'notify' && e.role === roleId).length;
  if (told > 0) parts.push(`is told at ${plural(told, 'point', 'points')}`);
  return parts;
}
