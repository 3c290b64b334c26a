// vetting/save: the checklist as the person sends it, with what only the app decides kept from
// the signed record (approvals) or stamped by the app (each company's entry), and each member
// company's entry changed only by that company's Roadmap Coordinator or reps.
import { AppError } from '../../contract/envelope';
import { bindUnboundApprovals } from '../../domain/approval-content';
import type { AppConfig } from '../../domain/app-config';
import { changedCompanyEntries, duplicateCompanies, stampCompanyEntries } from '../../domain/company-entries';
import { directoryOf, vettingWithIds, type Directory } from '../../domain/directory';
import type { Stage } from '../../domain/lifecycle';
import { vettingReferenceProblems } from '../../domain/references';
import type { ReleaseCalendar } from '../../domain/releases';
import { VettingSchema, type Vetting, type VettingInputSchema } from '../../domain/vetting';
import type { z } from 'zod';
import type { JiraClient } from '../../jira/client';
import { VETTING_RECORD, vettingIndex } from '../../records/kinds';
import type { SavedRecord } from '../../records/record-store';
import { companyRight } from '../rights';
import { changeNames } from './names';
import { refuseReferences } from './references';
import { writeRecord, type Actor } from './write-record';

export interface VettingSave {
  client: JiraClient;
  issue: { id: string; key: string; stage?: Stage | undefined };
  expectedRevision: number | null;
  /** The payload as vetting/save's schema parsed it (no approvals). */
  vetting: z.output<typeof VettingInputSchema>;
  actor: Actor;
  /** The person's Jira groups as the app read them; undefined when Jira did not answer. */
  userGroups: readonly string[] | undefined;
  config: AppConfig;
  /** The release calendar in effect: what the save may name (references.ts) and the index's completeness. */
  calendar: ReleaseCalendar;
  now: Date;
}

/**
 * FSTs and member companies are the configured ones (the portfolio groups by them), except a
 * value the record already had: removing an FST from the configuration must not make every old
 * checklist unsaveable.
 */
export function checkConfiguredRefs(vetting: Vetting, before: Vetting | undefined, directory: Directory): void {
  if (vetting.fst && !directory.fst(vetting.fst) && vetting.fst !== before?.fst) {
    throw new AppError(
      'BAD_REQUEST',
      `"${vetting.fst}" is not one of the configured Functional Specialty Teams; choose one from the list.`,
    );
  }
  if (vetting.proposingCompany && !directory.company(vetting.proposingCompany) && vetting.proposingCompany !== before?.proposingCompany) {
    throw new AppError(
      'BAD_REQUEST',
      `"${vetting.proposingCompany}" is not one of the configured member companies; an LCOO admin adds companies on the admin page.`,
    );
  }
  const had = new Set((before?.collaborators?.companies ?? []).map((c) => c.company));
  for (const c of vetting.collaborators?.companies ?? []) {
    if (!directory.company(c.company) && !had.has(c.company)) {
      throw new AppError(
        'BAD_REQUEST',
        `"${c.company}" is not one of the configured member companies; an LCOO admin adds companies on the admin page.`,
      );
    }
  }
  const twice = duplicateCompanies(vetting.collaborators?.companies);
  if (twice.length > 0) {
    throw new AppError(
      'BAD_REQUEST',
      `${twice.map((id) => directory.company(id)?.name ?? id).join(', ')} ${twice.length === 1 ? 'is' : 'are'} listed twice among the collaborators; keep one entry per company.`,
    );
  }
}

/** Refuses a save that changes a company's entry the person does not speak for (nothing of it is saved). */
function checkCompanyRights(before: Vetting | undefined, after: Vetting, req: VettingSave): void {
  const changed = changedCompanyEntries(before?.collaborators?.companies, after.collaborators?.companies);
  const refused = changed.map((id) => companyRight(req.config, id, req.userGroups)).filter((r) => !r.canEdit);
  if (refused.length === 0) return;
  throw new AppError(
    'FORBIDDEN',
    `You can't change ${refused.map((r) => `${r.name}'s`).join(' or ')} interest and committed people. ${refused
      .map((r) => r.reason)
      .join(' ')} Nothing was saved; undo that change and save again.`,
    { companies: refused.map((r) => r.company) },
  );
}

export function saveVetting(req: VettingSave): Promise<SavedRecord<Vetting>> {
  const directory = directoryOf(req.config);
  const index = (d: Vetting) => vettingIndex(d, req.issue.stage, { nowMs: req.now.getTime(), calendar: req.calendar }, req.config);
  return writeRecord<Vetting>({
    client: req.client,
    kind: VETTING_RECORD,
    issue: req.issue,
    expectedRevision: req.expectedRevision,
    actor: req.actor,
    now: req.now,
    action: 'save',
    names: changeNames(req.config),
    build(trusted, { trustedRevision }) {
      // Records are written with ids: a record saved before ids (names) is migrated here.
      const before = trusted ? vettingWithIds(trusted, directory) : undefined;
      const input = vettingWithIds(VettingSchema.parse(req.vetting), directory);
      checkConfiguredRefs(input, before, directory);
      checkCompanyRights(before, input, req);
      const out: Vetting = { ...input };
      if (input.collaborators) {
        out.collaborators = {
          ...input.collaborators,
          companies: stampCompanyEntries(before?.collaborators?.companies, input.collaborators.companies, {
            accountId: req.actor.accountId,
            displayName: req.actor.displayName,
            at: req.now.toISOString(),
          }),
        };
      }
      // Approvals come only from the signed record, never from the person's save; those given
      // before the app kept what they approved are bound to the content this save replaces.
      const approvals =
        before && trustedRevision !== undefined ? bindUnboundApprovals(before.approvals, before, trustedRevision) : undefined;
      if (approvals?.length) out.approvals = approvals;
      else delete out.approvals;
      const next = VettingSchema.parse(out);
      refuseReferences(vettingReferenceProblems(next, before, req.calendar), 'vetting');
      return next;
    },
    index,
  });
}
