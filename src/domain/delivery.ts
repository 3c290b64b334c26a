import { z } from 'zod';
import { ApprovalListSchema, noApprovalsIn } from './approvals';
import { canonicalProjectName, isKnownProject } from './openstack-projects';
import {
  AccountIdSchema,
  IsoDateSchema,
  IsoDateTimeSchema,
  IssueKeySchema,
  MAX_SHORT,
  MAX_TEXT,
  WebUrlSchema,
  jsonBytes,
  list,
  requiredText,
  text,
} from './primitives';
import { ReleaseIdSchema } from './releases';
import { UpstreamEvidenceSchema } from './upstream';

/**
 * The evidence of an Upstream Deliverable (the `lcoo-delivery` issue property): the
 * upstream work happens in Launchpad, the specs repositories, Gerrit and Zuul, and the
 * record links to it. Each piece of evidence says who recorded it and when, because the
 * committee reviews it monthly and needs to know how fresh it is.
 */

/** Who recorded a piece of evidence and when: stamped by the app, not typed by people. */
const stamp = { recordedBy: AccountIdSchema, recordedAt: IsoDateTimeSchema };

export const LaunchpadUrlSchema = WebUrlSchema.refine(
  (u) => {
    try {
      const host = new URL(u).hostname.toLowerCase();
      return host === 'launchpad.net' || host.endsWith('.launchpad.net');
    } catch {
      return false;
    }
  },
  { error: 'Link the blueprint on Launchpad (https://blueprints.launchpad.net/<project>/+spec/<name>).' },
);

/** A project the app knows, in its current spelling; a retired one still reads, a save may not pick one (references.ts). */
const ProjectSchema = z
  .string({ error: 'The OpenStack project must be a project name.' })
  .trim()
  .refine(isKnownProject, { error: 'Pick the OpenStack project from the list.' })
  .transform((name) => canonicalProjectName(name) ?? name);

export const CHANGE_STATUSES = ['open', 'merged', 'abandoned'] as const;
export const ChangeStatusSchema = z.enum(CHANGE_STATUSES, { error: 'Change status must be open, merged or abandoned.' });

export const CI_RESULTS = ['pass', 'fail', 'pending'] as const;
export const CiResultSchema = z.enum(CI_RESULTS, { error: 'CI result must be pass, fail or pending.' });

const blueprintFields = {
  url: LaunchpadUrlSchema,
  title: text(MAX_SHORT, 'Blueprint title'),
};
const alignmentFields = {
  notes: requiredText(MAX_TEXT, 'PTL/core alignment notes'),
  date: IsoDateSchema.optional(),
};
const milestoneFields = {
  releaseId: ReleaseIdSchema,
  /** The milestone as the release schedule names it: "Indri-2", "Feature freeze", "Final release" (a real one of the release: references.ts, gates.ts). */
  label: requiredText(MAX_SHORT, 'Milestone'),
  date: IsoDateSchema,
};
const specificationFields = {
  reviewUrl: WebUrlSchema,
  approved: z.boolean({ error: '"Approved" must be true or false.' }),
};
const changeFields = {
  url: WebUrlSchema,
  number: z
    .number({ error: 'The Gerrit change number must be a number.' })
    .int({ error: 'The Gerrit change number must be a whole number.' })
    .positive({ error: 'The Gerrit change number must be positive.' })
    .max(99_999_999, { error: 'The Gerrit change number is too large.' }),
  status: ChangeStatusSchema,
  ci: CiResultSchema,
};

export const DeliveryBlueprintSchema = z.object({ ...blueprintFields, ...stamp });
export const AlignmentNoteSchema = z.object({ ...alignmentFields, ...stamp });
export const MilestoneSchema = z.object({ ...milestoneFields, ...stamp });
export const SpecificationSchema = z.object({ ...specificationFields, ...stamp });
export const GerritChangeSchema = z.object({ ...changeFields, ...stamp });
export type Milestone = z.infer<typeof MilestoneSchema>;
export type Specification = z.infer<typeof SpecificationSchema>;
export type GerritChange = z.infer<typeof GerritChangeSchema>;

export const DELIVERY_MAX_BYTES = 24_000;

function checkSize(value: unknown, ctx: z.RefinementCtx): void {
  const bytes = jsonBytes(value);
  if (bytes > DELIVERY_MAX_BYTES) {
    ctx.addIssue({
      code: 'custom',
      message: `This delivery record is too large to store in Jira (${Math.ceil(bytes / 1000)} KB; the limit is ${
        DELIVERY_MAX_BYTES / 1000
      } KB). Remove old alignment notes or abandoned changes.`,
    });
  }
}

function uniqueChangeNumbers(changes: readonly { number: number }[] | undefined, ctx: z.RefinementCtx): void {
  const seen = new Set<number>();
  for (const c of changes ?? []) {
    if (seen.has(c.number)) {
      ctx.addIssue({ code: 'custom', path: ['changes'], message: `Gerrit change ${c.number} is listed twice; keep one entry per change.` });
      return;
    }
    seen.add(c.number);
  }
}

export const DeliveryFieldsSchema = z.object({
  schemaVersion: z.literal(1, { error: 'This is not a version 1 LCOO delivery record.' }),
  /** The Roadmap Item this deliverable delivers (part of). */
  roadmapItemKey: IssueKeySchema.optional(),
  project: ProjectSchema.optional(),
  blueprint: DeliveryBlueprintSchema.optional(),
  alignment: list(AlignmentNoteSchema, 'PTL/core alignment notes', 30).optional(),
  milestone: MilestoneSchema.optional(),
  specification: SpecificationSchema.optional(),
  changes: list(GerritChangeSchema, 'Gerrit changes', 50).optional(),
  // The Roadmap Committee's tracking is an approval now ('lrc-tracking'): the checkbox older
  // records carry (`lrcTracking`) is not read, so a box any editor ticked confirms nothing.
  approvals: ApprovalListSchema.optional(),
  /** What OpenStack's tools say (Gerrit, Launchpad), read by the app's refresh and sync only: never taken from a save (upstream.ts). */
  upstream: UpstreamEvidenceSchema.optional(),
});

export const DeliverySchema = DeliveryFieldsSchema.superRefine((d, ctx) => {
  uniqueChangeNumbers(d.changes, ctx);
  checkSize(d, ctx);
});
export type Delivery = z.infer<typeof DeliverySchema>;

const optionalStamp = { recordedBy: AccountIdSchema.optional(), recordedAt: IsoDateTimeSchema.optional() };

/**
 * What a client sends in delivery/save: the same evidence, stamps optional (the app sets
 * them), no approvals and no Roadmap Committee tracking (only approvals/record writes those).
 */
export const DeliveryInputSchema = z
  .object({
    schemaVersion: z.literal(1).default(1),
    roadmapItemKey: IssueKeySchema.optional(),
    project: ProjectSchema.optional(),
    blueprint: z.object({ ...blueprintFields, ...optionalStamp }).optional(),
    alignment: list(z.object({ ...alignmentFields, ...optionalStamp }), 'PTL/core alignment notes', 30).optional(),
    milestone: z.object({ ...milestoneFields, ...optionalStamp }).optional(),
    specification: z.object({ ...specificationFields, ...optionalStamp }).optional(),
    changes: list(z.object({ ...changeFields, ...optionalStamp }), 'Gerrit changes', 50).optional(),
    lrcTracking: z
      .undefined({
        error:
          "The Roadmap Committee's tracking can't be saved with the delivery record; a committee member records it with the approval button.",
      })
      .optional(),
    approvals: noApprovalsIn('delivery record'),
    upstream: z
      .undefined({
        error:
          'Evidence from upstream (Gerrit and Launchpad) is read by the app ("Refresh from upstream" and the hourly sync); a save cannot carry it.',
      })
      .optional(),
  })
  .superRefine((d, ctx) => {
    uniqueChangeNumbers(d.changes, ctx);
    checkSize(d, ctx);
  });
export type DeliveryInput = z.infer<typeof DeliveryInputSchema>;

type Stamped<T> = T & { recordedBy: string; recordedAt: string };

function withoutStamp<T extends object>(entry: T): Omit<T, 'recordedBy' | 'recordedAt'> {
  const { recordedBy: _by, recordedAt: _at, ...rest } = entry as T & { recordedBy?: unknown; recordedAt?: unknown };
  return rest;
}

function sameContent(a: object, b: object): boolean {
  return JSON.stringify(withoutStamp(a)) === JSON.stringify(withoutStamp(b));
}

/** Keeps the earlier stamp when an entry is unchanged; stamps it with who/when otherwise. */
function restamp<T extends object>(
  entry: T,
  previous: Stamped<object> | undefined,
  by: string,
  at: string,
): Stamped<Omit<T, 'recordedBy' | 'recordedAt'>> {
  const content = withoutStamp(entry);
  if (previous && sameContent(previous, content)) {
    return { ...content, recordedBy: previous.recordedBy, recordedAt: previous.recordedAt };
  }
  return { ...content, recordedBy: by, recordedAt: at };
}

/**
 * Merges a client's save into the stored record: evidence the person changed or added is
 * stamped with their account id and `at`; unchanged evidence keeps its original stamp;
 * approvals are carried over from the stored record untouched (a save can't add them).
 * Gerrit changes are matched by change number, alignment notes by their content.
 */
export function applyDeliveryInput(previous: Delivery | undefined, input: DeliveryInput, recordedBy: string, recordedAt: string): Delivery {
  const out: Delivery = { schemaVersion: 1 };
  if (input.roadmapItemKey !== undefined) out.roadmapItemKey = input.roadmapItemKey;
  if (input.project !== undefined) out.project = input.project;
  if (input.blueprint) out.blueprint = restamp(input.blueprint, previous?.blueprint, recordedBy, recordedAt);
  if (input.milestone) out.milestone = restamp(input.milestone, previous?.milestone, recordedBy, recordedAt);
  if (input.specification) out.specification = restamp(input.specification, previous?.specification, recordedBy, recordedAt);
  if (input.alignment) {
    const old = previous?.alignment ?? [];
    out.alignment = input.alignment.map((n) =>
      restamp(
        n,
        old.find((o) => sameContent(o, n)),
        recordedBy,
        recordedAt,
      ),
    );
  }
  if (input.changes) {
    const byNumber = new Map((previous?.changes ?? []).map((c) => [c.number, c]));
    out.changes = input.changes.map((c) => restamp(c, byNumber.get(c.number), recordedBy, recordedAt));
  }
  if (previous?.approvals) out.approvals = previous.approvals;
  // Read-only in the panel: only the app's refresh writes what Gerrit says.
  if (previous?.upstream) out.upstream = previous.upstream;
  return out;
}

/** The Gerrit changes that still count: abandoned ones are history. */
export function liveChanges(delivery: Pick<Delivery, 'changes'> | undefined): GerritChange[] {
  return (delivery?.changes ?? []).filter((c) => c.status !== 'abandoned');
}
