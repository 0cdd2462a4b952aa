// `npm run manifests`: fills BOT_ID and BOT_DOMAIN from the environment into
// manifests/teams/manifest.json, validates it against the manifest schema bundled in
// Microsoft's @microsoft/app-manifest package (offline), checks the icons' sizes, and
// writes the Teams app package, manifests/teams/build/waymark-teams.zip.
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import AdmZip from 'adm-zip';

const require = createRequire(import.meta.url);
const { ManifestUtil } = require('@microsoft/app-manifest');
// TEAMS_MANIFEST_DIR: another folder with manifest.json and icons (the tests use it).
const root = process.env.TEAMS_MANIFEST_DIR ? new URL(`file://${process.env.TEAMS_MANIFEST_DIR.replace(/\/?$/, '/')}`) : new URL('../manifests/teams/', import.meta.url);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const problems = [];
const botId = process.env.BOT_ID?.trim();
const domain = (process.env.BOT_DOMAIN?.trim() || 'localhost').replace(/^https?:\/\//, '').replace(/\/.*$/, '');
if (!botId) problems.push('BOT_ID: is required (the Azure Bot\'s Microsoft App ID, a GUID)');
else if (!GUID.test(botId)) problems.push(`BOT_ID: must be a GUID such as 00000000-0000-0000-0000-000000000000, not "${botId}"`);
if (problems.length > 0) fail(problems);

const template = await readFile(new URL('manifest.json', root), 'utf8');
const manifest = JSON.parse(template.replaceAll('${BOT_ID}', botId).replaceAll('${BOT_DOMAIN}', domain));
const version = manifest.manifestVersion;
const schema = JSON.parse(
  (await readFile(require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`), 'utf8')).replace(/\\a/g, '\\x07'),
);
problems.push(...(await ManifestUtil.validateManifestAgainstSchema(manifest, schema)).map((p) => `manifest.json: ${p}`));

const icons = { [manifest.icons.color]: 192, [manifest.icons.outline]: 32 };
const files = {};
for (const [name, size] of Object.entries(icons)) {
  const png = await readFile(new URL(name, root));
  const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
  if (w !== size || h !== size) problems.push(`${name}: must be ${size}x${size} pixels, not ${w}x${h}`);
  files[name] = png;
}
if (png32HasOpaqueBackground(files[manifest.icons.outline])) problems.push(`${manifest.icons.outline}: must have a transparent background`);
if (problems.length > 0) fail(problems);

const zip = new AdmZip();
zip.addFile('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
for (const [name, png] of Object.entries(files)) zip.addFile(name, png);
await mkdir(new URL('build/', root), { recursive: true });
const out = new URL('build/waymark-teams.zip', root);
zip.writeZip(out.pathname);
console.log(`manifest ${version} valid; wrote ${out.pathname} (manifest.json, ${Object.keys(files).join(', ')})`);

function fail(lines) {
  for (const line of lines) console.error(`npm run manifests: ${line}`);
  process.exit(2);
}

/** Whether a PNG's colour type lacks an alpha channel (so its background cannot be transparent). */
function png32HasOpaqueBackground(png) {
  const colourType = png[25];
  return colourType !== 4 && colourType !== 6;
}
