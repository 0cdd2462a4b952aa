/**
 * Local mode's database on its own thread (in-worker.ts; compiled only, so this runs the
 * build in a child process): reached over a Unix socket in a directory only its user may
 * enter, not a loopback port any local user could connect to; the directory goes when
 * the store is closed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../../../', import.meta.url).pathname;

const SCRIPT = `
import { statSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { openStore } from '${ROOT}dist/store/open-store.js';
const opened = await openStore({ dbName: 'thread-test' });
const path = decodeURIComponent(/^mongodb:\\/\\/([^/]+)\\//.exec(opened.uri)[1]);
const mode = (statSync(dirname(path)).mode & 0o777).toString(8);
const socket = statSync(path).isSocket();
await opened.store.putSetting('k', 'v');
const value = await opened.store.getSetting('k');
await opened.close();
console.log(JSON.stringify({ uri: opened.uri, mode, socket, value, left: existsSync(dirname(path)) }));
`;

test('the embedded database thread listens on a Unix socket in a private directory, removed on close', () => {
  const dir = mkdtempSync(join(tmpdir(), 'server-thread-'));
  const script = join(dir, 'open.mjs');
  writeFileSync(script, SCRIPT);
  let out: string;
  try {
    out = execFileSync(process.execPath, [script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const seen = JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, unknown>;
  expect(seen).toEqual({ uri: expect.stringMatching(/^mongodb:\/\/%2F.*waymark-db-[^/]+%2Fdb\.sock\/\?directConnection=true$/), mode: '700', socket: true, value: 'v', left: false });
});
