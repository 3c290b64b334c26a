// The Custom UI origin serves resources as a CDN would (sandbox/web/resource-server.ts):
// compressed per Accept-Encoding, ETag + 304, immutable caching for hashed names and
// revalidation for the rest, so what the sandbox measures is what a browser would download.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startFiles } from '../../../scripts/bundle-report';
import { STATIC_DIR } from '../../../scripts/build-static';
import { chooseEncoding, createResourceServer, IMMUTABLE, resourceHostFor, REVALIDATE } from '../../../sandbox/web/resource-server';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function get(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

const dir = mkdtempSync(join(tmpdir(), 'lcoo-resources-'));
const JS = Buffer.from(Array.from({ length: 400 }, (_, i) => `export const value${i} = "some repeated module text ${i % 7}";`).join('\n'));
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 64 }, (_, i) => i)]);
writeFileSync(join(dir, 'index.html'), `<!doctype html><html><head><title>t</title></head><body>${'<p>x</p>'.repeat(50)}</body></html>`);
writeFileSync(join(dir, 'main-ABCDEFGH.js'), JS);
writeFileSync(join(dir, 'icon.png'), PNG);

let server: Server;
let port: number;
beforeAll(async () => {
  server = createResourceServer(new Map([['res', dir]]));
  port = await listen(server);
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

describe('chooseEncoding (Accept-Encoding)', () => {
  test.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=0.5, br;q=0.4', 'gzip'],
    ['identity', 'identity'],
    ['*', 'br'],
    ['*;q=0', 'identity'],
    ['', 'identity'],
  ])('%j -> %s', (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });
});

test('frames come from another site than the page (as Forge serves them from its CDN), so the browser isolates them', () => {
  expect(resourceHostFor('localhost')).toBe('127.0.0.1');
  expect(resourceHostFor('127.0.0.1')).toBe('localhost');
  // A LAN name has no loopback twin: kept (same site, as before).
  expect(resourceHostFor('192.168.1.20')).toBe('192.168.1.20');
});

test('a browser that accepts brotli gets brotli, with Vary and a length', async () => {
  const r = await get(port, '/res/main-ABCDEFGH.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });
  expect(r.status).toBe(200);
  expect(r.headers['content-encoding']).toBe('br');
  expect(r.headers['vary']).toBe('Accept-Encoding');
  expect(Number(r.headers['content-length'])).toBe(r.body.length);
  expect(r.body.length).toBeLessThan(JS.length / 4);
  expect(brotliDecompressSync(r.body).equals(JS)).toBe(true);
});

test('gzip when brotli is not accepted, the file itself when nothing is', async () => {
  const gz = await get(port, '/res/main-ABCDEFGH.js', { 'accept-encoding': 'gzip' });
  expect(gz.headers['content-encoding']).toBe('gzip');
  expect(gunzipSync(gz.body).equals(JS)).toBe(true);
  const plain = await get(port, '/res/main-ABCDEFGH.js');
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.body.equals(JS)).toBe(true);
});

test('content-hashed names are immutable for a year; index.html is revalidated; both carry an ETag', async () => {
  const js = await get(port, '/res/main-ABCDEFGH.js', { 'accept-encoding': 'br' });
  expect(js.headers['cache-control']).toBe(IMMUTABLE);
  expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  const html = await get(port, '/res/index.html', { 'accept-encoding': 'br' });
  expect(html.headers['cache-control']).toBe(REVALIDATE);
  expect(html.headers['etag']).toMatch(/^"[\w-]+-br"$/);
  // The bridge is injected before the page's own scripts, and the injected page is what is compressed.
  expect(brotliDecompressSync(html.body).toString()).toContain('<head><script src="/__forge/global-bridge.js"></script>');
});

test('If-None-Match with the ETag of that encoding answers 304 without a body', async () => {
  const first = await get(port, '/res/index.html', { 'accept-encoding': 'gzip' });
  const etag = String(first.headers['etag']);
  const again = await get(port, '/res/index.html', { 'accept-encoding': 'gzip', 'if-none-match': etag });
  expect(again.status).toBe(304);
  expect(again.body.length).toBe(0);
  expect(again.headers['etag']).toBe(etag);
  // Another encoding is another representation: its ETag differs, so the gzip one does not match it.
  const br = await get(port, '/res/index.html', { 'accept-encoding': 'br', 'if-none-match': etag });
  expect(br.status).toBe(200);
  expect(br.headers['etag']).not.toBe(etag);
});

test('HEAD answers the headers only; images are sent as they are', async () => {
  const head = await get(port, '/res/main-ABCDEFGH.js', { 'accept-encoding': 'br' }, 'HEAD');
  expect(head.status).toBe(200);
  expect(head.headers['content-encoding']).toBe('br');
  expect(head.body.length).toBe(0);
  const png = await get(port, '/res/icon.png', { 'accept-encoding': 'br, gzip' });
  expect(png.headers['content-encoding']).toBeUndefined();
  expect(png.body.equals(PNG)).toBe(true);
});

test('the design-token stylesheet: the platform brings it by default; hostTokensCss false emulates a host that does not', async () => {
  const withTokens = await get(port, '/__forge/tokens.css');
  expect(withTokens.body.toString()).toContain('--ds-text:');
  const bare = createResourceServer(new Map(), Promise.resolve(), { hostTokensCss: false });
  const barePort = await listen(bare);
  try {
    const r = await get(barePort, '/__forge/tokens.css');
    expect(r.status).toBe(200);
    expect(r.body.toString()).not.toContain('--ds-');
  } finally {
    await new Promise<void>((r) => bare.close(() => r()));
  }
});

test('the built issue panel: every file its index.html loads is served compressed and immutable', async () => {
  const build = join(STATIC_DIR, 'issue-panel', 'build');
  const real = createResourceServer(new Map([['issue-panel', build]]));
  const realPort = await listen(real);
  try {
    const { js, css } = startFiles(build);
    for (const f of [...js, ...css]) {
      const r = await get(realPort, `/issue-panel/${f}`, { 'accept-encoding': 'gzip, deflate, br' });
      expect({ f, status: r.status, encoding: r.headers['content-encoding'], cache: r.headers['cache-control'] }).toEqual({
        f,
        status: 200,
        encoding: 'br',
        cache: IMMUTABLE,
      });
      expect(brotliDecompressSync(r.body).equals(readFileSync(join(build, f)))).toBe(true);
    }
  } finally {
    await new Promise<void>((r) => real.close(() => r()));
  }
});
