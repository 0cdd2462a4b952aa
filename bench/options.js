/** Command-line options: --learners N, --events N, --seed S, --jre-learners N (0 = all). */
export const DEFAULTS = Object.freeze({
  learners: 100_000,
  events: 40,
  seed: 20260901,
  // json-rules-engine runs over the first N learners only when this is set (1..--learners);
  // 0 means all of them. See README.md.
  jreLearners: 0,
});

const FLAGS = { '--learners': 'learners', '--events': 'events', '--seed': 'seed', '--jre-learners': 'jreLearners' };

export function parseOptions(argv) {
  const options = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const key = FLAGS[flag];
    if (key === undefined) throw new Error(`unknown option ${argv[i]} (known: ${Object.keys(FLAGS).join(', ')})`);
    const text = inline ?? argv[++i];
    const value = Number(text);
    if (text === undefined || !Number.isInteger(value) || value < 0) throw new Error(`${flag} needs a whole number, got ${text}`);
    options[key] = value;
  }
  if (options.learners < 1 || options.events < 1) throw new Error('--learners and --events must be at least 1');
  if (options.jreLearners === 0 || options.jreLearners > options.learners) options.jreLearners = options.learners;
  return options;
}
