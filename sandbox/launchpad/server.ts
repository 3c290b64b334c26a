// A Launchpad web service emulator (the part of api.launchpad.net the app reads): the
// Specification entry at `GET /<version>/<project>/+spec/<name>` (versions devel and 1.0), as
// lazr.restful answers it: JSON with the exported fields (name, title, definition_status,
// implementation_status as their titles), links to other entries as `<field>_link` URLs (null
// when unset: milestone_link, target_link), self_link, web_link, resource_type_link, http_etag; 404 text/plain for an unknown
// entry. A project's `all_specifications` collection (`GET /devel/<project>/all_specifications`),
// paged with ws.start / ws.size (at most 300) as lazr.restful pages a collection field: start,
// total_size, entries, next/prev_collection_link, resource_type_link `#specification-page-resource`.
// Sources in docs/platform-facts.md. It can be made slow, failing or unreachable for tests.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startUpstreamServer, type UpstreamMode, type UpstreamServer } from '../upstream-server';
import { LaunchpadStore, type EmBlueprint } from './store';

export type LaunchpadMode = UpstreamMode;

export interface LaunchpadEmulator extends UpstreamServer {
  store: LaunchpadStore;
}

const API = 'https://api.launchpad.net';
const WEB = 'https://blueprints.launchpad.net';

function entry(b: EmBlueprint, version: string) {
  const root = `${API}/${version}`;
  return {
    self_link: `${root}/${b.project}/+spec/${b.name}`,
    web_link: `${WEB}/${b.project}/+spec/${b.name}`,
    resource_type_link: `${root}/#specification`,
    http_etag: `"${Buffer.from(`${b.project}/${b.name}/${b.definitionStatus}/${b.implementationStatus}`).toString('base64')}"`,
    name: b.name,
    title: b.title,
    summary: b.title,
    definition_status: b.definitionStatus,
    implementation_status: b.implementationStatus,
    lifecycle_status:
      b.implementationStatus === 'Implemented' ? 'Complete' : b.implementationStatus === 'Unknown' ? 'Not started' : 'Started',
    priority: 'Medium',
    target_link: `${root}/${b.project}`,
    milestone_link: b.milestone ? `${root}/${b.project}/+milestone/${b.milestone}` : null,
    // No series field: the Specification interface read exports `milestone` and `target`, not the series goal
    // (docs/platform-facts.md); the store keeps the series for when that is settled.
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (typeof body === 'string') {
    res.writeHead(status, { 'content-type': 'text/plain;charset=utf-8' });
    res.end(body);
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Launchpad's max_batch_size (schema-lazr.conf) and default_batch_size. */
const MAX_BATCH = 300;
const DEFAULT_BATCH = 50;

function collectionPage(store: LaunchpadStore, version: string, project: string, url: URL, res: ServerResponse): void {
  const all = store.ofProject(project);
  // Launchpad's projects exist whether or not they have blueprints; the emulator knows a project by its blueprints.
  if (all.length === 0) return send(res, 404, `Object: <Application at /${version}/>, name: '${project}'`);
  const start = Number(url.searchParams.get('ws.start') ?? '0');
  const size = Number(url.searchParams.get('ws.size') ?? String(DEFAULT_BATCH));
  if (!Number.isInteger(start) || start < 0 || !Number.isInteger(size) || size < 1)
    return send(res, 400, 'Invalid value for ws.start or ws.size.');
  // Not settled which status the web service gives InvalidBatchSizeError; the app never asks more than 300.
  if (size > MAX_BATCH) return send(res, 400, `Maximum for "ws.size" parameter is ${MAX_BATCH}.`);
  const base = `${API}/${version}/${project}/all_specifications`;
  const link = (s: number) => `${base}?ws.size=${size}&memo=${s}&ws.start=${s}`;
  const entries = all.slice(start, start + size).map((b) => entry(b, version));
  return send(res, 200, {
    total_size: all.length,
    start,
    ...(start + size < all.length ? { next_collection_link: link(start + size) } : {}),
    ...(start > 0 ? { prev_collection_link: link(Math.max(0, start - size)) } : {}),
    resource_type_link: `${API}/${version}/#specification-page-resource`,
    entries,
  });
}

function handle(store: LaunchpadStore, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://launchpad.local');
  if (req.method !== 'GET') return send(res, 405, 'Method Not Allowed');
  const c = /^\/(devel)\/([^/+]+)\/all_specifications\/?$/.exec(url.pathname);
  if (c) return collectionPage(store, c[1]!, decodeURIComponent(c[2]!), url, res);
  const m = /^\/(devel|1\.0)\/([^/]+)\/\+spec\/([^/]+)\/?$/.exec(url.pathname);
  if (!m) return send(res, 404, `Object: ${url.pathname}, name: ''`);
  const [, version, project, name] = m as unknown as [string, string, string, string];
  const b = store.get(decodeURIComponent(project), decodeURIComponent(name));
  if (!b) return send(res, 404, `Object: <Product '${project}'>, name: '${name}'`);
  return send(res, 200, entry(b, version));
}

export async function startLaunchpadEmulator(
  opts: { port?: number; bindAddress?: string; dataFile?: string; store?: LaunchpadStore } = {},
): Promise<LaunchpadEmulator> {
  const store = opts.store ?? new LaunchpadStore(opts.dataFile);
  const server = await startUpstreamServer((req, res) => handle(store, req, res), send, opts);
  return Object.assign(server, { store });
}
