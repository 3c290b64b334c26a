// The LCOO issue panel: the vetting checklist on a Roadmap Item, the delivery evidence on an
// Upstream Deliverable, a short note elsewhere.
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ChecklistStatus } from '../../../src/contract/domain-types';
import type { PanelData, ReadinessView } from '../../../src/contract/panel';
import { readableProblem, savedLabel } from './draft';
import { ApprovalsSection } from './parts/approvals-section';
import { DeliveryForm } from './parts/delivery-form';
import { HistorySection } from './parts/history-section';
import { ItemDeliverables } from './parts/item-deliverables';
import { RestoreNotice } from './parts/restore-notice';
import { UpstreamSection } from './parts/upstream-section';
import { markBusy } from '../../shared/busy';
import { Row, Stack } from '../../shared/layout';
import { useRenderMarks } from '../../shared/render-marks';
import * as color from '../../shared/color';
import * as font from '../../shared/font';
import * as space from '../../shared/space';
import { Help, Skeleton } from './parts/layout';
import { ReadinessBox } from './parts/readiness-box';
import { VettingForm } from './parts/vetting-form';
import { fieldErrorsOf, usePanel, type PanelState } from './use-panel';
import { errorsByField, errorsByRow, FieldErrorContext, fieldIdOf } from './field-errors';

/** A record the app can't vouch for can be re-saved as it is, once the person has checked it. */
function needsResave(s: PanelState): boolean {
  const integrity = (s.data?.vetting ?? s.data?.delivery)?.integrity;
  return integrity === 'modified-outside-app' || integrity === 'unreadable';
}

function statusText(s: PanelState): string {
  if (s.busy === 'saving') return 'Saving…';
  if (s.busy === 'approving') return 'Recording the approval…';
  if (s.busy === 'withdrawing') return 'Withdrawing the approval…';
  if (s.busy === 'restoring') return 'Restoring the last version saved in the app…';
  if (s.dirty) return s.restoredAt ? `Unsaved changes from ${savedLabel(s.restoredAt) ?? 'an earlier visit'}` : 'Unsaved changes';
  const saved = savedLabel(s.savedAt);
  if (saved) {
    const what = {
      approval: 'Approval recorded',
      withdrawal: 'Approval withdrawn',
      restore: 'Restored',
      record: 'Saved',
      refresh: 'Evidence read from Gerrit',
    } as const;
    return `${what[s.savedWhat ?? 'record']} ${saved}`;
  }
  // Who "saved" a record modified outside the app is only a claim of that record.
  if (needsResave(s)) return 'Not saved by the LCOO app: check the values, then save';
  const rec = s.data?.vetting ?? s.data?.delivery;
  const last = savedLabel(rec?.updatedAt);
  if (last) return `Last saved ${last}${rec?.updatedByName ? ` by ${rec.updatedByName}` : ''}`;
  return 'Not saved yet';
}

/** When the other person saved, from the conflict's details, as people say it. */
function conflictWhen(details: unknown): string | undefined {
  const at = (details as { updatedAt?: unknown } | undefined)?.updatedAt;
  return typeof at === 'string' ? savedLabel(at) : undefined;
}

function SaveBar({
  s,
  onSave,
  onDiscard,
  readiness,
}: {
  s: PanelState;
  onSave: () => void;
  onDiscard: () => void;
  readiness?: ReadinessView | undefined;
}) {
  if (!s.data?.permissions.canEdit) return null;
  return (
    <Row style={{ justifyContent: 'space-between' }}>
      {readiness ? (
        // The panel grows with its content (Forge sizes the frame to it), so nothing inside it can
        // stay pinned on screen: the bar at the foot repeats the verdict of the box at the top.
        <span data-testid="readiness-verdict" style={{ font: font.small, color: color.subtle }}>
          <Lozenge appearance={readiness.pass ? 'success' : 'moved'}>{readiness.pass ? 'Ready' : 'Not ready'}</Lozenge>
          {readiness.pass
            ? ` for ${readiness.targetName}`
            : ` for ${readiness.targetName}: ${readiness.missing.length} ${readiness.missing.length === 1 ? 'thing' : 'things'} missing`}
        </span>
      ) : null}
      <span
        role="status"
        aria-live="polite"
        data-testid="save-status"
        style={{ font: font.small, color: s.dirty ? color.text : color.subtlest }}
      >
        {statusText(s)}
      </span>
      {s.dirty ? (
        <Button appearance="subtle" onClick={onDiscard} isDisabled={s.busy !== 'idle'} testId="discard-button">
          Discard changes
        </Button>
      ) : null}
      <Button
        appearance="primary"
        onClick={onSave}
        isDisabled={!(s.dirty || needsResave(s)) || s.busy !== 'idle'}
        isLoading={s.busy === 'saving'}
        testId="save-button"
      >
        Save
      </Button>
    </Row>
  );
}

function Completeness({ data, live }: { data: PanelData; live: ChecklistStatus | undefined }) {
  const c = live ?? data.checklist;
  if (!c) return null;
  // A save signs the record: the draft's checklist counts as the saved one will.
  const trusted = live !== undefined || data.vetting?.integrity === 'valid';
  const complete = live ? live.completed === live.total : data.checklistComplete === true;
  return (
    <Stack gap={space.xs}>
      <Row style={{ justifyContent: 'space-between' }}>
        <span style={{ font: font.body, color: color.text }} data-testid="completeness">
          {`${c.completed} of ${c.total} checklist items complete`}
          {!trusted && data.vetting?.integrity !== 'missing' ? ' (not counted: the record was modified outside the LCOO app)' : ''}
        </span>
        <Lozenge appearance={complete ? 'success' : 'inprogress'}>{complete ? 'Complete' : 'Incomplete'}</Lozenge>
      </Row>
      <div
        role="progressbar"
        aria-label="Checklist completeness"
        aria-valuemin={0}
        aria-valuemax={c.total}
        aria-valuenow={trusted ? c.completed : 0}
        style={{
          height: '6px',
          borderRadius: token('radius.small', '4px'),
          background: token('color.background.neutral', '#091E420F'),
          overflow: 'hidden',
        }}
      >
        <div
          style={{
            width: `${trusted ? c.percent : 0}%`,
            height: '100%',
            background: complete ? token('color.background.success.bold', '#1F845A') : token('color.background.brand.bold', '#0C66E4'),
          }}
        />
      </div>
    </Stack>
  );
}

function Notices({
  s,
  onReload,
  onDismissLost,
  onRestore,
  onDiscard,
}: {
  s: PanelState;
  onReload: () => void;
  onDismissLost: () => void;
  onRestore: () => void;
  onDiscard: () => void;
}) {
  const d = s.data;
  const rec = d?.vetting ?? d?.delivery;
  // A failed save is announced and brought into view: the person may have pressed the Save at the bottom.
  // A refusal that names fields gives the focus to the first bad field instead (useFieldErrors), so the
  // two never race for it.
  const errorRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (s.error && !fieldErrorsOf(s.error)) errorRef.current?.focus();
  }, [s.error]);
  return (
    <>
      <div ref={errorRef} tabIndex={-1} role="alert" style={{ outline: 'none' }}>
        {s.error ? (
          s.error.code === 'CONFLICT' ? (
            <SectionMessage
              appearance="warning"
              title="Someone else saved this record while you were editing"
              testId="conflict-message"
              actions={[
                <SectionMessageAction key="reload" onClick={onReload} testId="conflict-reload">
                  Reload
                </SectionMessageAction>,
              ]}
            >
              <p>
                {s.error.message}
                {conflictWhen(s.error.details) ? ` They saved it ${conflictWhen(s.error.details)}.` : ''}
              </p>
              <p>Your text is still in the form below. Reload shows their version; your text stays listed here to copy from.</p>
            </SectionMessage>
          ) : (
            <SectionMessage appearance="error" title={s.error.code === 'FORBIDDEN' ? 'Not allowed' : 'Not saved'} testId="error-message">
              <p>
                {readableProblem(
                  s.error.message,
                  Object.fromEntries((d?.options.vocabulary.checklistItems ?? []).map((i) => [i.id, i.label])),
                )}
              </p>
            </SectionMessage>
          )
        ) : null}
      </div>
      {s.draftKept === false ? (
        <p style={{ margin: 0, font: font.small, color: color.warning }} data-testid="draft-not-kept">
          This browser does not let the panel keep unsaved changes for your next visit: save before you leave this issue.
        </p>
      ) : null}
      {s.restoredAt ? (
        <SectionMessage
          appearance="information"
          title="Your unsaved changes are back"
          testId="restored-draft"
          actions={[
            <SectionMessageAction key="discard" onClick={onDiscard} testId="restored-discard">
              Discard them
            </SectionMessageAction>,
          ]}
        >
          <p>{`You changed this record ${savedLabel(s.restoredAt) ?? 'on an earlier visit'} without saving; this browser kept the changes. Save them to make them count.`}</p>
        </SectionMessage>
      ) : null}
      {s.lostText ? (
        <SectionMessage
          appearance="information"
          title="Your unsaved text from before the reload"
          testId="lost-text"
          actions={[
            <SectionMessageAction key="dismiss" onClick={onDismissLost}>
              Dismiss
            </SectionMessageAction>,
          ]}
        >
          <ul style={{ margin: 0, paddingLeft: space.l, userSelect: 'text' }}>
            {s.lostText.map((t, i) => (
              <li key={i}>{t}</li>
            ))}
          </ul>
        </SectionMessage>
      ) : null}
      {d && !d.permissions.canEdit ? (
        <SectionMessage appearance="information" title="Read-only" testId="read-only">
          <p>{d.permissions.readOnlyReason ?? 'You can view this record but not change it.'}</p>
        </SectionMessage>
      ) : null}
      <RestoreNotice record={rec} canEdit={d?.permissions.canEdit === true} busy={s.busy !== 'idle'} onRestore={onRestore} />
      {rec?.integrity === 'modified-outside-app' ? (
        <SectionMessage appearance="warning" title="Modified outside the LCOO app" testId="integrity-warning">
          <p>{rec.problem}</p>
        </SectionMessage>
      ) : null}
      {rec?.integrity === 'unreadable' ? (
        <SectionMessage appearance="error" title="The LCOO record can't be read" testId="integrity-warning">
          <p>{rec.problem}</p>
        </SectionMessage>
      ) : null}
      {d?.linkNote ? (
        <SectionMessage appearance="warning" title="Saved, but not linked in Jira" testId="link-note">
          <p>{d.linkNote}</p>
        </SectionMessage>
      ) : null}
      {d?.configProblem ? (
        <SectionMessage appearance="warning" title="LCOO configuration problem">
          <p>{d.configProblem}</p>
        </SectionMessage>
      ) : null}
    </>
  );
}

/**
 * The field errors on screen: with unsaved edits, the live check's (the save's own schemas on the
 * draft), on fields the person has left, or on every field once a save was refused; without, the
 * last refused save's. A refused save opens the rows and focuses the first bad field.
 */
function useShownFieldErrors(s: PanelState, fieldFocus: number): { shown: Record<string, string>; markTouched: (id: string) => void } {
  const [showAll, setShowAll] = useState(false);
  // Fields the person has left since the last save: the live check's errors show there, not while they still type.
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const markTouched = useCallback((id: string) => setTouched((t) => (!id || t.has(id) ? t : new Set(t).add(id))), []);
  useEffect(() => {
    if (fieldFocus > 0) setShowAll(true);
  }, [fieldFocus]);
  useEffect(() => {
    if (!s.dirty) {
      setShowAll(false);
      setTouched(new Set());
    }
  }, [s.dirty]);
  const live = s.live?.fieldErrors;
  const shown = useMemo(
    () =>
      live
        ? Object.fromEntries(Object.entries(live).filter(([path]) => showAll || touched.has(fieldIdOf(path) ?? '')))
        : (fieldErrorsOf(s.error) ?? {}),
    [live, showAll, touched, s.error],
  );
  // After the rows with errors have opened: the first bad field in the panel's order gets the focus.
  useEffect(() => {
    if (fieldFocus === 0) return;
    // The refusal's own fields: the live check may not have caught up with the last keystrokes yet.
    const els = [...errorsByField(fieldErrorsOf(s.error) ?? shown).keys()]
      .map((id) => document.getElementById(id))
      .filter((el): el is HTMLElement => el !== null)
      .sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    els[0]?.focus();
    els[0]?.scrollIntoView({ block: 'center' });
    // Only a new refusal moves the focus (fieldFocus), not every change of the errors while the person fixes them.
  }, [fieldFocus]);
  return { shown, markTouched };
}

export function App() {
  const {
    state: s,
    fieldFocus,
    load,
    save,
    approve,
    withdraw,
    restore,
    refreshUpstream,
    gerritAccount,
    reloadAfterConflict,
    setVetting,
    setDelivery,
    dismissLost,
    discard,
  } = usePanel();
  const d = s.data;
  const { shown: fieldErrors, markTouched } = useShownFieldErrors(s, fieldFocus);
  const byField = useMemo(() => errorsByField(fieldErrors), [fieldErrors]);
  // Busy until the first real render (the record, or why it could not be loaded) is on screen.
  const settled = d !== undefined || s.loadError !== undefined;
  useEffect(() => markBusy(!settled), [settled]);
  useRenderMarks(settled);

  if (!d) {
    if (s.loadError) {
      return (
        <div style={{ padding: space.s }}>
          <SectionMessage
            appearance="error"
            title="The LCOO record could not be loaded"
            testId="load-error"
            actions={[
              <SectionMessageAction key="retry" onClick={() => void load()}>
                Try again
              </SectionMessageAction>,
            ]}
          >
            <p>{s.loadError.message}</p>
          </SectionMessage>
        </div>
      );
    }
    return (
      <div style={{ padding: space.s }}>
        <Skeleton />
      </div>
    );
  }

  if (!d.issue.lifecycle) {
    return (
      <div style={{ padding: space.s }} data-testid="other-type">
        <Help>
          {`${d.issue.key} is a ${d.issue.issueType || 'issue'}. The LCOO vetting checklist belongs on Roadmap Items and the delivery evidence on Upstream Deliverables; there is nothing to record here.`}
        </Help>
      </div>
    );
  }

  const readOnly = !d.permissions.canEdit || s.busy !== 'idle';
  // While the person edits: the gate's answer for their draft, worked out here; else the server's.
  const readiness = s.live?.readiness ?? d.readiness[0];
  const onKeyDown = (e: KeyboardEvent) => {
    // Ctrl/Cmd+S saves, as in Jira's own editors.
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      if (s.dirty || needsResave(s)) void save();
    }
  };

  return (
    <FieldErrorContext.Provider value={byField}>
      <main
        onKeyDown={onKeyDown}
        onBlurCapture={(e) => markTouched(e.target.id)}
        style={{ padding: space.s, font: font.body, color: color.text }}
        aria-label={`LCOO record of ${d.issue.key}`}
        data-testid="lcoo-panel"
      >
        <Stack gap={space.m}>
          <Row style={{ justifyContent: 'space-between' }}>
            <span style={{ font: font.small, color: color.subtlest }}>{`${d.issue.issueType} · ${d.issue.statusName}`}</span>
          </Row>
          <Notices
            s={s}
            onReload={() => void reloadAfterConflict()}
            onDismissLost={dismissLost}
            onRestore={() => void restore()}
            onDiscard={discard}
          />
          <SaveBar s={s} onSave={() => void save()} onDiscard={discard} />
          <Completeness data={d} live={s.live?.checklist} />
          <ReadinessBox
            next={readiness}
            mode={
              !s.dirty ? 'saved' : s.live?.readiness ? 'live' : s.live && Object.keys(s.live.fieldErrors).length > 0 ? 'invalid' : 'stale'
            }
          />
          {d.gateSettingsNote ? <Help>{d.gateSettingsNote}</Help> : null}
          {d.readiness.length === 0 && d.issue.stage ? (
            <Help>{`${d.issue.statusName} is the last stage of this lifecycle: no gate is ahead.`}</Help>
          ) : null}
          <ApprovalsSection
            data={d}
            busy={s.busy !== 'idle'}
            dirty={s.dirty}
            onApprove={(r) => void approve(r)}
            onWithdraw={(r) => void withdraw(r)}
          />
          {d.issue.lifecycle === 'portfolio' ? <ItemDeliverables revision={d.vetting?.revision ?? null} /> : null}
          {d.issue.lifecycle === 'portfolio' && s.vetting ? (
            <VettingForm
              data={d}
              draft={s.vetting}
              onChange={setVetting}
              disabled={readOnly}
              checklist={s.live?.checklist ?? d.checklist}
              rowErrors={errorsByRow(fieldErrors)}
            />
          ) : null}
          {d.issue.lifecycle === 'delivery' && s.delivery ? (
            <DeliveryForm data={d} draft={s.delivery} onChange={setDelivery} disabled={readOnly} />
          ) : null}
          {d.issue.lifecycle === 'delivery' && d.delivery?.data ? (
            <UpstreamSection
              data={d}
              busy={s.busy !== 'idle'}
              dirty={s.dirty}
              onRefresh={() => void refreshUpstream()}
              onGerritAccount={gerritAccount}
            />
          ) : null}
          <SaveBar s={s} onSave={() => void save()} onDiscard={discard} readiness={readiness} />
          <HistorySection
            record={d.issue.lifecycle === 'portfolio' ? 'vetting' : 'delivery'}
            revision={(d.vetting ?? d.delivery)?.revision ?? null}
            roleLabel={(r) => d.options.vocabulary.approvalRoles.find((x) => x.value === r)?.label ?? r}
          />
        </Stack>
      </main>
    </FieldErrorContext.Provider>
  );
}
