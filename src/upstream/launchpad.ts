// Reads a blueprint from Launchpad's web service (api.launchpad.net, declared in manifest.yml
// permissions.external.fetch.backend): `GET /devel/<project>/+spec/<name>` answers the
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

/** Reads one blueprint; `{found: false}` on Launchpad's 404; UpstreamError when Launchpad can't be read. */
export async function readBlueprint(ref: { project: string; name: string }, deps: LaunchpadDeps = {}): Promise<BlueprintRead> {
  const fetch: FetchLike = deps.fetch ?? ((url, init) => forgeFetch(url, init));
  const base = (deps.baseUrl ?? LAUNCHPAD_API_URL).replace(/\/+$/, '');
  const timeoutMs = deps.timeoutMs ?? LAUNCHPAD_TIMEOUT_MS;
  const url = `${base}/${LAUNCHPAD_API_VERSION}/${encodeURIComponent(ref.project)}/+spec/${encodeURIComponent(ref.name)}`;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  let res: Awaited<ReturnType<FetchLike>>;
  try {
    res = await fetch(url, { method: 'GET', headers: { Accept: 'application/json' }, signal: abort.signal });
  } catch (e) {
    if (abort.signal.aborted) throw new UpstreamError(`Launchpad did not answer within ${timeoutMs / 1000} s.`, 'timeout');
    throw new UpstreamError(`Launchpad could not be reached (${e instanceof Error ? e.message : String(e)}).`, 'unreachable');
  } finally {
    clearTimeout(timer);
  }
  const body = await res.text();
  if (res.status === 404) return { found: false };
  if (res.status !== 200)
    throw new UpstreamError(`Launchpad answered ${res.status}${body ? `: ${body.trim().slice(0, 120)}` : ''}.`, 'status', res.status);
  const parsed = parseSpecification(body);
  if (!parsed.ok) throw new UpstreamError(parsed.error, 'shape');
  return { found: true, blueprint: { ...parsed.value, project: parsed.value.project || ref.project } };
}
