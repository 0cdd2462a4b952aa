/**
 * The README and the docs link only to files inside the repository, so the links work for
 * anyone who clones it; the contracts the README cites are kept in docs/contracts/.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function markdownFiles(): string[] {
  const docs = (dir: string): string[] =>
    readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? docs(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : []));
  return ['README.md', ...docs('docs')];
}

/** Link targets (`[text](target)`, `<img src="target">`) and paths quoted as code that go up a folder. */
function targets(text: string): string[] {
  const links = [...text.matchAll(/\]\(([^)\s]+)\)/g), ...text.matchAll(/src="([^"]+)"/g)].map((m) => m[1]!);
  const quoted = [...text.matchAll(/`(\.\.\/[^`\s]+)`/g)].map((m) => m[1]!);
  return [...links, ...quoted].filter((t) => !/^(https?:|mailto:|#)/.test(t));
}

test('every local link in README.md and docs/ names a file inside the repository', () => {
  const broken: string[] = [];
  let checked = 0;
  for (const file of markdownFiles()) {
    for (const target of targets(readFileSync(join(ROOT, file), 'utf8'))) {
      checked++;
      const path = join(ROOT, dirname(file), target.replace(/#.*$/, ''));
      if (relative(ROOT, path).startsWith('..') || !existsSync(path)) broken.push(`${file}: ${target}`);
    }
  }
  expect(broken).toEqual([]);
  expect(checked).toBeGreaterThanOrEqual(10);
});

test('the contracts the README cites are in docs/contracts and linked there', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  expect(readme).not.toContain('shared/contracts');
  for (const contract of ['simulate.md', 'http-api.md']) {
    expect(readme).toContain(`(docs/contracts/${contract})`);
    expect(readFileSync(join(ROOT, 'docs/contracts', contract), 'utf8')).toMatch(/^# Contract: /);
  }
});
