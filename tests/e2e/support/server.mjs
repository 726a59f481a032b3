// A plain static file server for the built dist/, like any static host: no rewrite rules, an
// optional path prefix (to prove the app works under a subpath), and nothing but files; the
// benchmark mounts a few more directories beside it (its baseline page and data).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.csv': 'text/csv; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Serves `root` under `prefix` (e.g. "/" or "/tools/kam/") on a free loopback port. */
export async function serveStatic(root, prefix = '/') {
  return serveMounts({ [prefix]: root }, prefix);
}

/**
 * Serves several directories, each under its own prefix (`{ '/': dist, '/data/': dir }`; the
 * longest matching prefix wins), on a free loopback port; `url` is `origin + urlPrefix`.
 */
export async function serveMounts(mounts, urlPrefix = '/') {
  const table = Object.entries(mounts)
    .map(([prefix, root]) => [prefix, resolve(root)])
    .sort((a, b) => b[0].length - a[0].length);
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, 'http://localhost');
    const mount = table.find(([prefix]) => url.pathname.startsWith(prefix));
    if (!mount) {
      response.writeHead(404).end('not under ' + table.map(([p]) => p).join(', '));
      return;
    }
    const [prefix, base] = mount;
    let path = normalize(decodeURIComponent(url.pathname.slice(prefix.length)));
    if (path === '.' || path.endsWith('/')) path = join(path, 'index.html');
    const file = join(base, path);
    if (!file.startsWith(base)) {
      response.writeHead(403).end();
      return;
    }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      const body = await readFile(file);
      response.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
      });
      response.end(body);
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}${urlPrefix}`,
    close: () => new Promise((done) => server.close(done)),
  };
}
