// The second origin (like Forge's CDN): serves every manifest resource under /<resourceKey>/,
// with the local global bridge injected as the first script of each HTML page, plus the
// design-token stylesheet that view.theme.enable() loads. Nothing here knows about users.
//
// Served as a CDN serves static files, so what the sandbox measures is what a browser would
// download from Forge: compressed per Accept-Encoding (brotli, else gzip; Vary: Accept-Encoding),
// a strong ETag per variant answered with 304 on If-None-Match, and Cache-Control by file name:
// files whose name carries a content hash (main-3FQK2L7A.js, chunks/...) are immutable for a
// year, anything else (index.html, icon.svg) is revalidated on each use (no-cache + ETag).
// docs/platform-facts.md says what Atlassian documents about its hosting and what it leaves open.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { MIME } from './http-util';
import { tokensCss } from './tokens-css';

const BRIDGE_FILE = join(__dirname, 'public', 'global-bridge.js');

/** Injects the bridge before any other script, so @forge/bridge finds __bridge when the app bundle runs. */
export function injectBridge(html: string): string {
  const tag = '<script src="/__forge/global-bridge.js"></script>';
  if (/<head[^>]*>/i.test(html)) return html.replace(/<head([^>]*)>/i, `<head$1>${tag}`);
  return tag + html;
}

/**
 * The host name frames are served from, given the one the page was opened with. On Forge the
 * frames come from Atlassian's CDN, another site than the Jira page, so the browser runs them in
 * their own process (site isolation), beside the page's. localhost:8080 and localhost:8081 are
 * the same site (ports do not count) and would share one main thread, making the sandbox slower
 * than Forge in a way that hides what the app does; the two loopback names are two sites.
 * Any other host name (a LAN address) has no twin and is kept.
 */
export function resourceHostFor(pageHost: string): string {
  if (pageHost === 'localhost') return '127.0.0.1';
  if (pageHost === '127.0.0.1') return 'localhost';
  return pageHost;
}

export type Encoding = 'br' | 'gzip' | 'identity';

/**
 * The encoding to answer with, from an Accept-Encoding header (RFC 9110 12.5.3): brotli when
 * accepted, else gzip, else none. `q=0` refuses an encoding; `*` stands for any not named.
 */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  const q = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const weight = (name: string) => q.get(name) ?? q.get('*') ?? 0;
  const br = weight('br');
  const gzip = Math.max(weight('gzip'), weight('x-gzip'));
  if (br > 0 && br >= gzip) return 'br';
  if (gzip > 0) return 'gzip';
  return 'identity';
}

/** Hashed names as scripts/build-static.ts writes them: name-XXXXXXXX.ext (esbuild's base32 hash). */
export const HASHED_NAME = /-[A-Z0-9]{8}\.[a-z0-9]+$/;
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.map', '.txt']);

interface Variant {
  body: Buffer;
  etag: string;
}

/** One file's bytes in each encoding, made once per content (the cache key is the content hash). */
class VariantCache {
  private readonly entries = new Map<string, Map<Encoding, Variant>>();

  get(key: string, raw: Buffer, compressible: boolean, encoding: Encoding): { variant: Variant; encoding: Encoding } {
    const hash = createHash('sha256').update(raw).digest('base64url').slice(0, 27);
    const cacheKey = `${key}\0${hash}`;
    let byEncoding = this.entries.get(cacheKey);
    if (!byEncoding) {
      // A new content replaces the old one's entry, so a rebuilt file does not leave stale variants behind.
      for (const k of this.entries.keys()) if (k.startsWith(`${key}\0`)) this.entries.delete(k);
      byEncoding = new Map();
      this.entries.set(cacheKey, byEncoding);
    }
    const use: Encoding = compressible ? encoding : 'identity';
    let variant = byEncoding.get(use);
    if (!variant) {
      const body =
        use === 'br'
          ? // Quality 5: what CDNs use for on-the-fly brotli (11 is for precompressed files; slow on 1 MB).
            brotliCompressSync(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length } })
          : use === 'gzip'
            ? gzipSync(raw, { level: 6 })
            : raw;
      variant = { body, etag: `"${hash}${use === 'identity' ? '' : `-${use}`}"` };
      byEncoding.set(use, variant);
    }
    return { variant, encoding: use };
  }
}

/** True when If-None-Match names this ETag (weak comparison, as RFC 9110 13.1.2 asks for GET). */
function notModified(req: IncomingMessage, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => bare(t) === bare(etag));
}

export interface ResourceServerOptions {
  /**
   * Whether the platform's own design-token stylesheet answers /__forge/tokens.css (default true).
   * Atlassian's pages do not say whether view.theme.enable() brings the token CSS into the frame
   * or only sets data-color-mode (docs/platform-facts.md); false emulates the second case, where
   * the app must load its own theme (static/shared/theme.ts).
   */
  hostTokensCss?: boolean;
}

/** `ready` (npm start: the Custom UI builds) is awaited before a resource file is looked up, so a frame opened during start-up waits instead of getting a 404. */
export function createResourceServer(
  resources: Map<string, string>,
  ready: Promise<unknown> = Promise.resolve(),
  opts: ResourceServerOptions = {},
): Server {
  const variants = new VariantCache();
  const hostTokensCss = opts.hostTokensCss !== false;
  return createServer((req, res) => {
    void ready.then(
      () => serve(req, res),
      () => serve(req, res),
    );
  });

  function sendText(res: ServerResponse, status: number, text: string): void {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'access-control-allow-origin': '*' });
    res.end(text);
  }

  /** A file as a CDN sends it: encoded per Accept-Encoding, ETag, 304 on a match, cache policy by name. */
  function sendFile(req: IncomingMessage, res: ServerResponse, key: string, type: string, raw: Buffer, cacheControl: string): void {
    const ext = extname(key.split('?')[0] ?? '');
    const { variant, encoding } = variants.get(key, raw, COMPRESSIBLE.has(ext), chooseEncoding(req.headers['accept-encoding']));
    const headers: Record<string, string> = {
      'content-type': type,
      'cache-control': cacheControl,
      etag: variant.etag,
      vary: 'Accept-Encoding',
      'access-control-allow-origin': '*',
      // Lets the host page's Resource Timing see transfer sizes (the bench reads them).
      'timing-allow-origin': '*',
    };
    if (notModified(req, variant.etag)) {
      res.writeHead(304, headers);
      return void res.end();
    }
    if (encoding !== 'identity') headers['content-encoding'] = encoding;
    headers['content-length'] = String(variant.body.length);
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : variant.body);
  }

  function serve(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://resource.local');
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'GET only');
    if (url.pathname === '/__forge/global-bridge.js')
      return sendFile(req, res, url.pathname, MIME['.js'] ?? 'text/javascript', readFileSync(BRIDGE_FILE), REVALIDATE);
    if (url.pathname === '/__forge/tokens.css') {
      const css = hostTokensCss ? tokensCss() : '/* This emulated host brings no design-token CSS: the app loads its own theme. */\n';
      return sendFile(req, res, url.pathname, MIME['.css'] ?? 'text/css', Buffer.from(css), REVALIDATE);
    }
    const [, resourceKey = '', ...rest] = url.pathname.split('/');
    const root = resources.get(decodeURIComponent(resourceKey));
    if (!root) return sendText(res, 404, `No manifest resource '${resourceKey}'`);
    const file = resolve(root, decodeURIComponent(rest.join('/')) || 'index.html');
    if (file !== root && !file.startsWith(root + sep)) return sendText(res, 403, 'Outside the resource folder');
    if (!existsSync(file) || !statSync(file).isFile()) {
      return sendText(
        res,
        404,
        `Resource '${resourceKey}' has no ${rest.join('/') || 'index.html'} (is static/${resourceKey}/build built?)`,
      );
    }
    const type = MIME[extname(file)] ?? 'application/octet-stream';
    const cacheControl = HASHED_NAME.test(file) ? IMMUTABLE : REVALIDATE;
    if (extname(file) === '.html') {
      return sendFile(req, res, file, type, Buffer.from(injectBridge(readFileSync(file, 'utf8'))), cacheControl);
    }
    return sendFile(req, res, file, type, readFileSync(file), cacheControl);
  }
}
