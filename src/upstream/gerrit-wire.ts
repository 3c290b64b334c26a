// Gerrit's REST answers as the app reads them (Gerrit REST API, rest-api-changes and rest-api:
// https://gerrit-review.googlesource.com/Documentation/rest-api-changes.html). Every answer is
// parsed with zod before anything reads it; fields the app does not read pass through
// (looseObject) so a newer Gerrit adding fields does not break the refresh.
import { z } from 'zod';
import { GERRIT_STATUSES, UPSTREAM_LABELS, type UpstreamChange, type UpstreamLabel, type UpstreamVote } from '../domain/upstream';

/**
 * Gerrit prefixes every JSON answer with the magic line `)]}'` against cross-site script
 * inclusion (rest-api.html "Output Format"); a client strips it before parsing.
 */
export const XSSI_PREFIX = ")]}'";

export function stripXssi(body: string): string {
  const trimmed = body.replace(/^\uFEFF/, '');
  return trimmed.startsWith(XSSI_PREFIX) ? trimmed.slice(XSSI_PREFIX.length) : trimmed;
}

/** AccountInfo: `_account_id` only with DETAILED_ACCOUNTS or DETAILED_LABELS' `all` entries. */
export const AccountInfoSchema = z.looseObject({
  _account_id: z.number().int().nonnegative().optional(),
  name: z.string().optional(),
  email: z.string().optional(),
  username: z.string().optional(),
});

/** ApprovalInfo: an AccountInfo plus the vote (absent `value`: a reviewer who has not voted). */
export const ApprovalInfoSchema = AccountInfoSchema.extend({
  value: z.number().int().optional(),
  date: z.string().optional(),
});

/** LabelInfo: with LABELS the summary (approved / rejected / ...), with DETAILED_LABELS also `all` and `values`. */
export const LabelInfoSchema = z.looseObject({
  approved: AccountInfoSchema.optional(),
  rejected: AccountInfoSchema.optional(),
  recommended: AccountInfoSchema.optional(),
  disliked: AccountInfoSchema.optional(),
  value: z.number().int().optional(),
  all: z.array(ApprovalInfoSchema).optional(),
  values: z.record(z.string(), z.string()).optional(),
});

const RevisionInfoSchema = z.looseObject({ _number: z.number().int().positive().optional() });

/** ChangeInfo: the fields the evidence reads. `_more_changes` sits on the last change of a page that has more. */
export const ChangeInfoSchema = z.looseObject({
  id: z.string(),
  project: z.string(),
  branch: z.string(),
  change_id: z.string().optional(),
  subject: z.string().optional(),
  status: z.enum([...GERRIT_STATUSES, 'DRAFT']),
  _number: z.number().int().positive(),
  current_revision: z.string().optional(),
  revisions: z.record(z.string(), RevisionInfoSchema).optional(),
  labels: z.record(z.string(), LabelInfoSchema).optional(),
  _more_changes: z.boolean().optional(),
});
export type ChangeInfo = z.infer<typeof ChangeInfoSchema>;

export const ChangeListSchema = z.array(ChangeInfoSchema);

/** Parses one answer body (prefix stripped) with `schema`; a sentence when it is not what Gerrit sends. */
export function parseGerritJson<T>(
  body: string,
  schema: z.ZodType<T>,
  what: string,
): { ok: true; value: T } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(stripXssi(body)) as unknown;
  } catch {
    return { ok: false, error: `Gerrit's answer to ${what} is not JSON.` };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const first = parsed.error.issues[0];
  return {
    ok: false,
    error: `Gerrit's answer to ${what} is not a list of changes as documented (${first?.path.join('.') ?? ''}: ${first?.message ?? ''}).`,
  };
}

const isUpstreamLabel = (l: string): l is UpstreamLabel => (UPSTREAM_LABELS as readonly string[]).includes(l);

/** The evidence of one change: status, where it lives, and every vote on the three labels the gates read. */
export function toUpstreamChange(info: ChangeInfo): UpstreamChange {
  const current = info.current_revision ? info.revisions?.[info.current_revision]?._number : undefined;
  const votes: UpstreamVote[] = [];
  for (const [label, li] of Object.entries(info.labels ?? {})) {
    if (!isUpstreamLabel(label)) continue;
    for (const a of li.all ?? []) {
      if (a.value === undefined || a.value === 0 || a._account_id === undefined) continue;
      votes.push({
        label,
        by: {
          id: a._account_id,
          ...(a.name ? { name: a.name.slice(0, 200) } : {}),
          ...(a.username ? { username: a.username.slice(0, 200) } : {}),
        },
        // `all` holds each reviewer's standing vote only (no patch set): Gerrit keeps one per reviewer.
        value: Math.max(-2, Math.min(2, a.value)),
      });
    }
  }
  return {
    number: info._number,
    project: info.project.slice(0, 200),
    branch: info.branch.slice(0, 200),
    // A draft is not merged and not abandoned: for the gates it is open work.
    status: info.status === 'DRAFT' ? 'NEW' : info.status,
    ...(info.subject ? { subject: info.subject.slice(0, 200) } : {}),
    ...(current ? { currentPatchSet: current } : {}),
    votes: votes.slice(0, 60),
  };
}
