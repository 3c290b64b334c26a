// Reads blueprints from Launchpad's web service (api.launchpad.net, declared in manifest.yml
// permissions.external.fetch.backend), one (`readBlueprint`) or a project's page of 300
// (`readSpecificationsPage`, for the scheduled sync). `GET /devel/<project>/+spec/<name>` answers the
// Specification entry as JSON (lazr.restful: fields plus self_link / web_link /
// resource_type_link; links to other entries as URLs). The fields are exported "as of devel"
// (lp/blueprints/interfaces/specification.py), so the app asks the devel version.
import { fetch as forgeFetch } from '@forge/api';
import { z } from 'zod';
import type { UpstreamBlueprint } from '../domain/upstream';
import { UpstreamError, type FetchLike } from './gerrit-client';

export const LAUNCHPAD_API_URL = 'https://api.launchpad.net';
export const LAUNCHPAD_API_VERSION = 'devel';
/** A blueprint read that takes longer is given up: the panel and the sync have seconds. */
export const LAUNCHPAD_TIMEOUT_MS = 4000;

/** The Specification entry: the fields the evidence reads; everything else Launchpad sends is kept out. */
export const SpecificationEntrySchema = z.looseObject({
  self_link: z.string(),
  web_link: z.string().optional(),
  resource_type_link: z.string().optional(),
  name: z.string(),
  title: z.string().optional(),
  definition_status: z.string(),
  implementation_status: z.string().optional(),
  milestone_link: z.string().nullable().optional(),
  series_link: z.string().nullable().optional(),
  target_link: z.string().optional(),
});
export type SpecificationEntry = z.infer<typeof SpecificationEntrySchema>;

/** The last path segment of an entry link (".../nova/+milestone/2025.1" -> "2025.1", ".../nova/2025.1" -> "2025.1"). */
const lastSegment = (link: string | null | undefined): string | undefined =>
  link ? decodeURIComponent(link.replace(/\/+$/, '').split('/').pop() ?? '') || undefined : undefined;

/** The project an entry belongs to: its target ("…/devel/nova"), else the self_link's first segment. */
function projectOf(entry: SpecificationEntry): string | undefined {
  if (entry.target_link) return lastSegment(entry.target_link);
  return /\/(?:devel|1\.0|beta)\/([^/]+)\/\+spec\//.exec(entry.self_link)?.[1];
}

/** Parses one answer body; a sentence when it is not a Specification entry as Launchpad documents it. */
export function parseSpecification(body: string): { ok: true; value: UpstreamBlueprint } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(body) as unknown;
  } catch {
    return { ok: false, error: "Launchpad's answer for the blueprint is not JSON." };
  }
  const parsed = SpecificationEntrySchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return {
      ok: false,
      error: `Launchpad's answer for the blueprint is not a specification entry as documented (${first?.path.join('.') ?? ''}: ${first?.message ?? ''}).`,
    };
  }
  const e = parsed.data;
  const milestone = lastSegment(e.milestone_link);
  const series = lastSegment(e.series_link);
  return {
    ok: true,
    value: {
      project: (projectOf(e) ?? '').slice(0, 200),
      name: e.name.slice(0, 200),
      ...(e.title ? { title: e.title.slice(0, 200) } : {}),
      definitionStatus: e.definition_status.slice(0, 200),
      ...(e.implementation_status ? { implementationStatus: e.implementation_status.slice(0, 200) } : {}),
      ...(milestone ? { milestone: milestone.slice(0, 200) } : {}),
      ...(series ? { series: series.slice(0, 200) } : {}),
      ...(e.web_link ? { webLink: e.web_link.slice(0, 2000) } : {}),
    },
  };
}

export interface LaunchpadDeps {
  fetch?: FetchLike;
  baseUrl?: string;
  timeoutMs?: number;
}

export type BlueprintRead = { found: true; blueprint: UpstreamBlueprint } | { found: false };

/** One GET of the web service: the status and body, or UpstreamError when Launchpad can't be read. */
async function getLaunchpad(path: string, deps: LaunchpadDeps): Promise<{ status: number; body: string }> {
  const fetch: FetchLike = deps.fetch ?? ((url, init) => forgeFetch(url, init));
  const base = (deps.baseUrl ?? LAUNCHPAD_API_URL).replace(/\/+$/, '');
  const timeoutMs = deps.timeoutMs ?? LAUNCHPAD_TIMEOUT_MS;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  let res: Awaited<ReturnType<FetchLike>>;
  try {
    res = await fetch(`${base}${path}`, { method: 'GET', headers: { Accept: 'application/json' }, signal: abort.signal });
  } catch (e) {
    if (abort.signal.aborted) throw new UpstreamError(`Launchpad did not answer within ${timeoutMs / 1000} s.`, 'timeout');
    throw new UpstreamError(`Launchpad could not be reached (${e instanceof Error ? e.message : String(e)}).`, 'unreachable');
  } finally {
    clearTimeout(timer);
  }
  return { status: res.status, body: await res.text() };
}

const refused = (status: number, body: string) =>
  new UpstreamError(`Launchpad answered ${status}${body ? `: ${body.trim().slice(0, 120)}` : ''}.`, 'status', status);

/** Reads one blueprint; `{found: false}` on Launchpad's 404; UpstreamError when Launchpad can't be read. */
export async function readBlueprint(ref: { project: string; name: string }, deps: LaunchpadDeps = {}): Promise<BlueprintRead> {
  const { status, body } = await getLaunchpad(
    `/${LAUNCHPAD_API_VERSION}/${encodeURIComponent(ref.project)}/+spec/${encodeURIComponent(ref.name)}`,
    deps,
  );
  if (status === 404) return { found: false };
  if (status !== 200) throw refused(status, body);
  const parsed = parseSpecification(body);
  if (!parsed.ok) throw new UpstreamError(parsed.error, 'shape');
  return { found: true, blueprint: { ...parsed.value, project: parsed.value.project || ref.project } };
}

// ---------------------------------------------------------------- a project's blueprints, a page at a time

/**
 * The largest page Launchpad serves (`max_batch_size: 300` in Launchpad's schema-lazr.conf; a larger
 * `ws.size` is refused with InvalidBatchSizeError).
 */
export const LAUNCHPAD_MAX_PAGE = 300;

/**
 * A page of a collection field as lazr.restful sends it: `start`, `total_size` (a collection field
 * carries it on every page; named operations send `total_size_link` instead in devel),
 * `entries`, `next_collection_link` / `prev_collection_link` while there are more, and
 * `resource_type_link` (`#specification-page-resource`).
 */
export const SpecificationPageSchema = z.looseObject({
  start: z.number().int().nonnegative(),
  total_size: z.number().int().nonnegative(),
  entries: z.array(z.unknown()),
  next_collection_link: z.string().optional(),
  prev_collection_link: z.string().optional(),
  resource_type_link: z.string().optional(),
});

export interface SpecificationPage {
  start: number;
  totalSize: number;
  blueprints: UpstreamBlueprint[];
  hasMore: boolean;
}

/**
 * Reads one page of a project's `all_specifications` (IHasSpecifications, exported as of devel:
 * every blueprint of the project the reader may see, whatever its status):
 * `GET /devel/<project>/all_specifications?ws.start=<start>&ws.size=<size>`. `{found: false}` when
 * Launchpad does not know the project (404).
 */
export async function readSpecificationsPage(
  project: string,
  start: number,
  deps: LaunchpadDeps & { size?: number } = {},
): Promise<{ found: true; page: SpecificationPage } | { found: false }> {
  const size = Math.min(deps.size ?? LAUNCHPAD_MAX_PAGE, LAUNCHPAD_MAX_PAGE);
  const { status, body } = await getLaunchpad(
    `/${LAUNCHPAD_API_VERSION}/${encodeURIComponent(project)}/all_specifications?ws.start=${start}&ws.size=${size}`,
    deps,
  );
  if (status === 404) return { found: false };
  if (status !== 200) throw refused(status, body);
  let json: unknown;
  try {
    json = JSON.parse(body) as unknown;
  } catch {
    throw new UpstreamError(`Launchpad's answer for the blueprints of ${project} is not JSON.`, 'shape');
  }
  const page = SpecificationPageSchema.safeParse(json);
  if (!page.success) {
    const first = page.error.issues[0];
    throw new UpstreamError(
      `Launchpad's answer for the blueprints of ${project} is not a collection page as documented (${first?.path.join('.') ?? ''}: ${first?.message ?? ''}).`,
      'shape',
    );
  }
  const blueprints: UpstreamBlueprint[] = [];
  for (const entry of page.data.entries) {
    const parsed = parseSpecification(JSON.stringify(entry));
    if (!parsed.ok) throw new UpstreamError(parsed.error, 'shape');
    blueprints.push({ ...parsed.value, project: parsed.value.project || project });
  }
  return {
    found: true,
    page: {
      start: page.data.start,
      totalSize: page.data.total_size,
      blueprints,
      // An empty page ends the reading whatever total_size says (no endless loop on a shrinking collection).
      hasMore: page.data.entries.length > 0 && page.data.start + page.data.entries.length < page.data.total_size,
    },
  };
}
