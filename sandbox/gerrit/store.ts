// The Gerrit emulator's data: changes with their patch sets and votes, kept in a JSON file in
// the sandbox's data folder so they survive restarts like the Jira data does.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

export const LABELS = ['Code-Review', 'Verified', 'Workflow'] as const;
export type Label = (typeof LABELS)[number];

export const EmAccountSchema = z.object({
  _account_id: z.number().int(),
  name: z.string(),
  email: z.string().optional(),
  username: z.string(),
});
export type EmAccount = z.infer<typeof EmAccountSchema>;

export const EmChangeSchema = z.object({
  number: z.number().int().positive(),
  project: z.string(),
  branch: z.string(),
  changeId: z.string(),
  subject: z.string(),
  status: z.enum(['NEW', 'MERGED', 'ABANDONED']),
  owner: EmAccountSchema,
  patchSets: z.number().int().positive(),
  created: z.string(),
  updated: z.string(),
  votes: z.array(z.object({ label: z.enum(LABELS), account: EmAccountSchema, value: z.number().int().min(-2).max(2) })),
});
export type EmChange = z.infer<typeof EmChangeSchema>;

const FileSchema = z.object({ changes: z.array(EmChangeSchema), accounts: z.array(EmAccountSchema).default([]) });

/** OpenDev's CI account (the `zuul` user that posts Verified). */
export const ZUUL: EmAccount = { _account_id: 22348, name: 'Zuul', username: 'zuul' };

/** Gerrit's timestamp format: "2013-02-21 11:16:36.775000000" (UTC). */
export function gerritTime(d: Date): string {
  return `${d.toISOString().replace('T', ' ').replace('Z', '')}000000`;
}

export class GerritStore {
  private readonly changes = new Map<number, EmChange>();
  /** Accounts that exist on Gerrit without a vote or a change here (the emulator also knows every voter and owner). */
  private readonly extraAccounts = new Map<number, EmAccount>();
  constructor(private readonly file?: string) {
    if (file && existsSync(file)) {
      const parsed = FileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')) as unknown);
      if (parsed.success) {
        for (const c of parsed.data.changes) this.changes.set(c.number, c);
        for (const a of parsed.data.accounts) this.extraAccounts.set(a._account_id, a);
      }
    }
  }
  /** Every account Gerrit knows: the extra ones, every change's owner and every voter. */
  accounts(): EmAccount[] {
    const out = new Map(this.extraAccounts);
    for (const c of this.changes.values()) for (const a of [c.owner, ...c.votes.map((v) => v.account)]) out.set(a._account_id, a);
    return [...out.values()].sort((a, b) => a._account_id - b._account_id);
  }
  addAccount(account: EmAccount): void {
    this.extraAccounts.set(account._account_id, EmAccountSchema.parse(account));
    this.save();
  }
  get size(): number {
    return this.changes.size;
  }
  all(): EmChange[] {
    return [...this.changes.values()];
  }
  get(number: number): EmChange | undefined {
    return this.changes.get(number);
  }
  byChangeId(id: string): EmChange | undefined {
    return this.all().find((c) => c.changeId === id || `${c.project}~${c.branch}~${c.changeId}` === decodeURIComponent(id));
  }
  put(change: EmChange): void {
    this.changes.set(change.number, EmChangeSchema.parse(change));
    this.save();
  }
  /** Sets one reviewer's vote on a label (Gerrit keeps one standing vote per reviewer and label). */
  vote(number: number, label: Label, account: EmAccount, value: number, now = new Date()): EmChange {
    const c = this.changes.get(number);
    if (!c) throw new Error(`No change ${number} in the Gerrit emulator`);
    c.votes = [...c.votes.filter((v) => !(v.label === label && v.account._account_id === account._account_id)), { label, account, value }];
    c.updated = gerritTime(now);
    this.save();
    return c;
  }
  setStatus(number: number, status: EmChange['status'], now = new Date()): EmChange {
    const c = this.changes.get(number);
    if (!c) throw new Error(`No change ${number} in the Gerrit emulator`);
    c.status = status;
    c.updated = gerritTime(now);
    this.save();
    return c;
  }
  private save(): void {
    if (this.file) writeFileSync(this.file, JSON.stringify({ changes: this.all(), accounts: [...this.extraAccounts.values()] }));
  }
}
