import { z } from 'zod';
import { ApprovalRoleSchema } from './approvals';
import { MAX_CHANGES } from './record-changes';

/**
 * The item's LCOO history: one entry per write the app makes to its record (a save, an
 * approval, a withdrawal, a restore), with who, when and what changed field by field. It is how
 * a committee member sees why an item changed after it was prioritized. Entries are kept by the
 * app (src/storage/history.ts), never by the person, and parsed on every read.
 */

export const HISTORY_ACTIONS = ['save', 'approve', 'withdraw', 'restore', 'refresh'] as const;
export type HistoryAction = (typeof HISTORY_ACTIONS)[number];

const FieldChangeSchema = z.object({
  field: z.string().max(300),
  label: z.string().max(600),
  before: z.string().max(600).optional(),
  after: z.string().max(600).optional(),
});

export const HistoryEntrySchema = z.object({
  revision: z.number().int().min(1),
  at: z.string(),
  by: z.string(),
  byName: z.string().optional(),
  action: z.enum(HISTORY_ACTIONS),
  /** approve / withdraw: which approval, and for core approvals the change. */
  role: ApprovalRoleSchema.optional(),
  ref: z.string().optional(),
  /** approve: the approver's note; withdraw: whose approval was withdrawn. */
  note: z.string().optional(),
  /** withdraw: why. */
  reason: z.string().optional(),
  /** restore: what was put back, and what the property held instead. */
  restored: z
    .object({
      revision: z.number().int(),
      updatedAt: z.string(),
      updatedBy: z.string(),
      updatedByName: z.string().optional(),
      replaced: z.enum(['missing', 'modified-outside-app', 'unreadable']),
    })
    .optional(),
  changes: z.array(FieldChangeSchema).max(MAX_CHANGES),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;
