// The second origin (like Forge's CDN): serves every manifest resource under /<resourceKey>/,
// with the local global bridge injected as the first script of each HTML page, plus the
// design-token stylesheet that view.theme.enable() loads. Nothing here knows about users.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { MIME } from './http-util';
import { tokensCss } from './tokens-css';

const BRIDGE_FILE = join(__dirname, 'public', 'global-bridge.js');

/** Injects the bridge before any other script, so @forge/bridge finds __bridge when the app bundle runs. */
export function injectBridge(html: string): string {
  const tag = '<script src="/__forge/global-bridge.js"></script>';
  if (/<head[^>]*>/i.test(html)) return html.replace(/<head([^>]*)>/i, `<head$1>${tag}`);
  return tag + html;
}

/** `ready` (npm start: the Custom UI builds) is awaited before a resource file is looked up, so a frame opened during start-up waits instead of getting a 404. */
export function createResourceServer(resources: Map<string, string>, ready: Promise<unknown> = Promise.resolve()): Server {
  return createServer((req, res) => {
    void ready.then(
      () => serve(req, res),
      () => serve(req, res),
    );
  });

  function serve(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://resource.local');
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'access-control-allow-origin': '*' });
      res.end(body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain', 'GET only');
    if (url.pathname === '/__forge/global-bridge.js') return send(200, MIME['.js'] ?? 'text/javascript', readFileSync(BRIDGE_FILE));
    if (url.pathname === '/__forge/tokens.css') return send(200, MIME['.css'] ?? 'text/css', tokensCss());
    const [, resourceKey = '', ...rest] = url.pathname.split('/');
    const root = resources.get(decodeURIComponent(resourceKey));
    if (!root) return send(404, 'text/plain', `No manifest resource '${resourceKey}'`);
    const file = resolve(root, decodeURIComponent(rest.join('/')) || 'index.html');
    if (file !== root && !file.startsWith(root + sep)) return send(403, 'text/plain', 'Outside the resource folder');
    if (!existsSync(file) || !statSync(file).isFile()) {
      return send(
        404,
        'text/plain',
        `Resource '${resourceKey}' has no ${rest.join('/') || 'index.html'} (is static/${resourceKey}/build built?)`,
      );
    }
    const type = MIME[extname(file)] ?? 'application/octet-stream';
    if (extname(file) === '.html') return send(200, type, injectBridge(readFileSync(file, 'utf8')));
    return send(200, type, readFileSync(file));
  }
}
