/**
 * parsePack reports every problem in a provider's pack with its path, so `waymark policy
 * check` can point at the line to fix: schema problems first (ids, unknown fields,
 * versions, effect shapes), then every cross-reference, then each variant applied.
 */
import type { InputIssue } from '../../../src/rules/issues.js';
import { parsePack } from '../../../src/rules/pack/parse-pack.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- free-form pack JSON edited in tests

/** A small pack that uses every kind of reference once. */
function base(): Json {
  const source = 'test';
  return {
    id: 'base',
    version: '1.0.0',
    name: 'Base',
    provider: 'Test',
    source,
    roles: [
      { id: 'coach', name: 'Coach' },
      { id: 'lead', name: 'Lead' },
    ],
    ratings: { scale: ['low', 'high'], initial: 'low', atRiskFrom: 'high', source },
    triggers: [
      {
        id: 'left',
        kind: 'event',
        match: [{ type: 'employment.ended' }],
        description: 'left employment',
        source,
        effects: [{ do: 'alert' }, { do: 'notify', role: 'coach', reason: 'call them' }],
      },
    ],
    stages: [
      { id: 'stage-1', name: 'Stage 1', formal: false, owner: 'coach', onEnter: [{ do: 'task', task: 'call' }], outcomes: ['close'], source },
      {
        id: 'stage-2',
        name: 'Stage 2',
        formal: true,
        owner: 'lead',
        approvedBy: 'lead',
        entry: { from: ['stage-1'], requires: [{ visited: 'stage-1', explain: 'stage 2 follows stage 1' }] },
        source,
      },
    ],
    outcomes: [{ id: 'close', label: 'Closed', closesCase: true, source }],
    tasks: [{ id: 'call', title: 'Call', role: 'coach', due: { workingDays: 3 }, doneWhen: { contactRule: 'two-tries' }, source }],
    contactRules: [{ id: 'two-tries', description: '2 attempts', minAttempts: 2, since: 'task', source }],
    meetings: [{ id: 'weekly', name: 'Weekly', role: 'lead', schedule: { weekly: { day: 'monday', time: '10:00' } }, source }],
    appeals: [{ id: 'appeal', after: ['close'], by: ['learner'], lodgeWithin: { workingDays: 10 }, heardBy: 'lead', source }],
  };
}

/** The base pack with a Wales variant (each variant is applied and checked again, so base problems would repeat under it: the reference tests use `base`). */
function withVariant(): Json {
  return { ...base(), variants: [{ id: 'wales', description: 'Wales', when: { nation: ['wales'] }, tasks: { call: { due: { workingDays: 5 } } }, source: 'test' }] };
}

function problems(edit: (p: Json) => void, start: () => Json = base): readonly InputIssue[] {
  const pack = start();
  edit(pack);
  const parsed = parsePack(pack);
  return parsed.ok ? [] : parsed.issues;
}
const paths = (list: readonly InputIssue[]) => list.map((i) => i.path);
const addEffect = (effect: Json) => (p: Json) => p.triggers[0].effects.push(effect);

test('the base pack parses, with defaults filled in', () => {
  expect(parsePack(withVariant()).ok).toBe(true);
  const parsed = parsePack(base());
  expect(parsed.ok).toBe(true);
  expect(parsed.ok && parsed.value.stages[0]!.entry).toEqual({});
  expect(parsed.ok && parsed.value.roles[0]).toEqual({ id: 'coach', name: 'Coach', external: false, seesRestricted: false });
});

describe('unknown references, each with its path', () => {
  test.each([
    ['a role in a notify', (p: Json) => (p.triggers[0].effects[1].role = 'ghost'), 'triggers[0].effects[1].role', 'names role "ghost", which this pack does not define (defined: coach, lead)'],
    ['a role owning a stage', (p: Json) => (p.stages[1].owner = 'ghost'), 'stages[1].owner', 'names role "ghost"'],
    ['a role approving a stage', (p: Json) => (p.stages[1].approvedBy = 'ghost'), 'stages[1].approvedBy', 'names role "ghost"'],
    ['a role doing a task', (p: Json) => (p.tasks[0].role = 'ghost'), 'tasks[0].role', 'names role "ghost"'],
    ['a role hearing an appeal', (p: Json) => (p.appeals[0].heardBy = 'ghost'), 'appeals[0].heardBy', 'names role "ghost"'],
    ['a task set on entering a stage', (p: Json) => (p.stages[0].onEnter[0].task = 'ghost'), 'stages[0].onEnter[0].task', 'names task "ghost", which this pack does not define (defined: call)'],
    ['a stage to recommend', addEffect({ do: 'recommend', action: 'stage', stage: 'stage-9' }), 'triggers[0].effects[2].stage', 'names stage "stage-9", which this pack does not define (defined: stage-1, stage-2)'],
    ['a stage to enter from', (p: Json) => (p.stages[1].entry.from = ['stage-9']), 'stages[1].entry.from[0]', 'names stage "stage-9"'],
    ['a stage required as visited', (p: Json) => (p.stages[1].entry.requires[0].visited = 'stage-9'), 'stages[1].entry.requires[0].visited', 'names stage "stage-9"'],
    ['a stage in a condition', (p: Json) => (p.triggers[0].when = { stage: ['stage-9'] }), 'triggers[0].when.stage[0]', 'names stage "stage-9"'],
    ['an outcome of a stage', (p: Json) => (p.stages[0].outcomes = ['ghost']), 'stages[0].outcomes[0]', 'names outcome "ghost", which this pack does not define (defined: close)'],
    ['an outcome to appeal', (p: Json) => (p.appeals[0].after = ['ghost']), 'appeals[0].after[0]', 'names outcome "ghost"'],
    ['a meeting agenda', addEffect({ do: 'agenda', meeting: 'ghost' }), 'triggers[0].effects[2].meeting', 'names meeting "ghost", which this pack does not define (defined: weekly)'],
    ['a contact rule completing a task', (p: Json) => (p.tasks[0].doneWhen.contactRule = 'ghost'), 'tasks[0].doneWhen.contactRule', 'names contactRule "ghost"'],
    ['a contact rule holding a recommendation', addEffect({ do: 'recommend', action: 'withdraw', requires: { contactRule: 'ghost' } }), 'triggers[0].effects[2].requires.contactRule', 'names contactRule "ghost"'],
    ['a rating to raise to', addEffect({ do: 'rate', atLeast: 'medium' }), 'triggers[0].effects[2].atLeast', 'names rating "medium", which this pack does not define (defined: low, high)'],
    ['a rating to set', addEffect({ do: 'rate', to: 'medium' }), 'triggers[0].effects[2].to', 'names rating "medium"'],
    ['the initial rating', (p: Json) => (p.ratings.initial = 'medium'), 'ratings.initial', 'names rating "medium"'],
    ['a rating in a condition', (p: Json) => (p.triggers[0].when = { rating: ['medium'] }), 'triggers[0].when.rating[0]', 'names rating "medium"'],
  ] as [string, (p: Json) => void, string, string][])('%s', (_, edit, path, message) => {
    const found = problems(edit);
    expect(paths(found)).toEqual([path]);
    expect(found[0]!.message.startsWith(message)).toBe(true);
  });

  test('rating without `ratings` in the pack', () => {
    expect(
      problems((p) => {
        delete p.ratings;
        addEffect({ do: 'rate', atLeast: 'high' })(p);
      }),
    ).toEqual([
      { path: 'triggers[0].effects[2].atLeast', message: 'names rating "high", which this pack does not define' },
      { path: 'triggers[0].effects[2]', message: 'rates the learner, but this pack has no `ratings`' },
    ]);
  });

  test('all reference problems are reported at once', () => {
    const found = problems((p) => {
      p.triggers[0].effects[1].role = 'ghost';
      p.stages[0].outcomes = ['nothing'];
      p.meetings[0].role = 'nobody';
    });
    expect(paths(found)).toEqual(['triggers[0].effects[1].role', 'stages[0].outcomes[0]', 'meetings[0].role']);
  });
});

describe('ids', () => {
  test.each([
    ['roles', (p: Json) => p.roles.push({ id: 'coach', name: 'Another coach' }), 'roles[2].id', '"coach" is used twice in roles'],
    ['stages', (p: Json) => p.stages.push({ ...p.stages[0] }), 'stages[2].id', '"stage-1" is used twice in stages'],
    ['triggers', (p: Json) => p.triggers.push({ ...p.triggers[0] }), 'triggers[1].id', '"left" is used twice in triggers'],
    ['tasks', (p: Json) => p.tasks.push({ ...p.tasks[0] }), 'tasks[1].id', '"call" is used twice in tasks'],
    ['outcomes', (p: Json) => p.outcomes.push({ ...p.outcomes[0] }), 'outcomes[1].id', '"close" is used twice in outcomes'],
  ] as [string, (p: Json) => void, string, string][])('a duplicate id in %s', (_, edit, path, message) => {
    expect(problems(edit)).toEqual([{ path, message }]);
  });

  test.each([
    ['the pack id', (p: Json) => (p.id = 'Base Pack'), 'id'],
    ['a stage id', (p: Json) => (p.stages[0].id = 'Stage_1'), 'stages[0].id'],
    ['a role id', (p: Json) => (p.roles[0].id = 'coach-'), 'roles[0].id'],
    ['a trigger id', (p: Json) => (p.triggers[0].id = 'leftEmployment'), 'triggers[0].id'],
  ] as [string, (p: Json) => void, string][])('a non-kebab-case id: %s', (_, edit, path) => {
    expect(problems(edit)).toEqual([{ path, message: 'must be a kebab-case id (lower-case words joined by "-")' }]);
  });
});

describe('effect shapes', () => {
  test('rate with both atLeast and to', () => {
    expect(problems(addEffect({ do: 'rate', atLeast: 'high', to: 'low' }))).toEqual([
      { path: 'triggers[0].effects[2]', message: 'give exactly one of atLeast (raise only) or to (set)' },
    ]);
  });

  test('rate with neither', () => {
    expect(paths(problems(addEffect({ do: 'rate' })))).toEqual(['triggers[0].effects[2]']);
  });

  test.each([
    ['a stage recommendation without a stage', { do: 'recommend', action: 'stage' }],
    ['a withdraw recommendation with a stage', { do: 'recommend', action: 'withdraw', stage: 'stage-1' }],
  ])('%s', (_, effect) => {
    expect(problems(addEffect(effect))).toEqual([
      { path: 'triggers[0].effects[2]', message: 'a stage recommendation names its stage, and only a stage recommendation does' },
    ]);
  });
});

describe('variants', () => {
  test('a variant changing a task the pack does not define', () => {
    expect(problems((p) => (p.variants[0].tasks = { ghost: { due: { workingDays: 5 } } }), withVariant)).toEqual([
      { path: 'variants[0].tasks.ghost', message: 'changes tasks "ghost", which the pack does not define' },
    ]);
  });

  test('a variant changing a stage the pack does not define', () => {
    expect(paths(problems((p) => (p.variants[0].stages = { 'stage-9': { formal: true } }), withVariant))).toEqual(['variants[0].stages.stage-9']);
  });

  test('a variant changing an id', () => {
    expect(problems((p) => (p.variants[0].tasks = { call: { id: 'ring' } }), withVariant)).toEqual([
      { path: 'variants[0].tasks.call.id', message: 'a variant cannot change an id' },
    ]);
  });

  test('a variant whose patch breaks the schema: one issue, prefixed by variants[0], naming the field', () => {
    const found = problems((p) => (p.variants[0].tasks = { call: { due: { weeks: 2 } } }), withVariant);
    expect(found).toHaveLength(1);
    expect(found[0]!.path).toMatch(/^variants\[0\]/);
    expect(found[0]!.path).toContain('tasks[0].due');
    expect(found[0]!.message).toBe('does not match any allowed form');
  });

  test('that path has the same form as an applied variant\'s reference problem ("variants[0] applied: tasks[0]...")', () => {
    const found = problems((p) => (p.variants[0].tasks = { call: { due: { weeks: 2 } } }), withVariant);
    expect(paths(found)).toEqual(['variants[0] applied: tasks[0].due']);
  });

  test('a variant whose patch names an unknown role: prefixed by variants[0]', () => {
    expect(problems((p) => (p.variants[0].tasks = { call: { role: 'ghost' } }), withVariant)).toEqual([
      { path: 'variants[0] applied: tasks[0].role', message: 'names role "ghost", which this pack does not define (defined: coach, lead)' },
    ]);
  });

  test('a variant with an unknown nation', () => {
    expect(paths(problems((p) => (p.variants[0].when = { nation: ['cornwall'] }), withVariant))).toEqual(['variants[0].when.nation[0]']);
  });
});

describe('strict fields and versions', () => {
  test.each([
    ['at the top level', (p: Json) => (p.colour = 'blue'), '(top level)', 'has unknown field "colour"'],
    ['in a stage', (p: Json) => (p.stages[0].approver = 'coach'), 'stages[0]', 'has unknown field "approver"'],
    ['in an effect', (p: Json) => (p.triggers[0].effects[1].sensitve = true), 'triggers[0].effects[1]', 'has unknown field "sensitve"'],
    ['in a task due', (p: Json) => (p.tasks[0].due = { workingDays: 3, hours: 4 }), 'tasks[0].due', 'does not match any allowed form'],
  ] as [string, (p: Json) => void, string, string][])('an unknown field %s', (_, edit, path, message) => {
    expect(problems(edit)).toEqual([{ path, message }]);
  });

  test.each(['1.0', 'v1.0.0', '1.0.0-beta', ''])('version %j is refused', (version) => {
    expect(problems((p) => (p.version = version))).toEqual([{ path: 'version', message: 'must be a version such as 1.0.0' }]);
  });

  test('a missing required field is named', () => {
    expect(problems((p) => delete p.roles)).toEqual([{ path: 'roles', message: 'is required (array)' }]);
  });

  test('all schema problems are reported at once', () => {
    const found = problems((p) => {
      p.version = '1';
      p.stages[0].id = 'Stage 1';
      p.colour = 'blue';
    });
    expect(paths(found).sort()).toEqual(['(top level)', 'stages[0].id', 'version']);
  });
});
