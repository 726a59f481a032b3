// Writes sw.js, the service worker, into a built site: trunk's post_build hook (Trunk.toml) runs
// it on the staging directory, so every build gets a worker that precaches exactly the files of
// that build and is versioned by a hash of their contents. Any file trunk emits — a new worker
// script, an icon — is picked up without listing it here.
//
//   node .ci/service-worker.mjs [directory]   (default: $TRUNK_STAGING_DIR)
//
// The e2e tests import `writeServiceWorker` to make a rebuilt copy of dist/.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const TEMPLATE = join(HERE, '..', 'public', 'sw.template.js');
const OUTPUT = 'sw.js';
const PLACEHOLDER = 'const BUILD = __BUILD__;';

/** Every file under `dir`, as sorted paths relative to it; hidden files are not the site's. */
function siteFiles(dir, root = dir) {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith('.'))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return siteFiles(path, root);
      return entry.isFile() ? [relative(root, path)] : [];
    })
    .sort();
}

/**
 * Writes `dir`/sw.js from the template, precaching every other file of `dir`, and returns
 * `{ version, files }`. The version hashes the files' names and contents and the template, so
 * it changes exactly when something a user would download changes.
 */
export function writeServiceWorker(dir) {
  const template = readFileSync(TEMPLATE, 'utf8');
  if (template.split(PLACEHOLDER).length !== 2) {
    throw new Error(`${TEMPLATE} must contain the line "${PLACEHOLDER}" exactly once`);
  }
  const hash = createHash('sha256').update(template);
  const paths = siteFiles(dir).filter((path) => path !== OUTPUT);
  for (const path of paths) {
    hash.update(`\0${path}\0`).update(readFileSync(join(dir, path)));
  }
  const version = hash.digest('hex').slice(0, 16);
  const files = paths.map((path) => './' + path.split(sep).map(encodeURIComponent).join('/'));
  const build = `const BUILD = ${JSON.stringify({ version, files }, null, 2)};`;
  writeFileSync(join(dir, OUTPUT), template.replace(PLACEHOLDER, () => build));
  return { version, files };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  if (!dir) {
    console.error('usage: node .ci/service-worker.mjs <built site directory> (or set TRUNK_STAGING_DIR)');
    process.exit(2);
  }
  const { version, files } = writeServiceWorker(dir);
  console.log(`sw.js: build ${version}, precaches ${files.length} files`);
}
