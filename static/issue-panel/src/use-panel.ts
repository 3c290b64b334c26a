// The panel's state: the record as the server last answered, the person's draft, and what
// is happening (loading, saving, an error). Every server answer is a full PanelData, so the
// screen always shows what the server decided (checklist, readiness, approvals).
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { LiveCheck, liveCheck } from '../../../src/contract/live-gate';
import type { PanelData } from '../../../src/contract/panel';
import { CallError } from '../../shared/invoke';
import { call } from './call';
import { clearDraft, readDraft, writeDraft, type DraftRef } from './draft-store';
import { takeEarlyLoad } from './early-load';
import type { ApproveRequest, WithdrawRequest } from './parts/approvals-section';
import {
  deliveryDraft,
  deliveryInput,
  lostTexts,
  readablePath,
  sameDraft,
  vettingDraft,
  vettingInput,
  type DeliveryDraft,
  type VettingDraft,
} from './draft';

/** The per-field refusals a save got (BAD_REQUEST with details.fieldErrors), if any. */
export function fieldErrorsOf(err: CallError | undefined): Record<string, string> | undefined {
  const details = err?.code === 'BAD_REQUEST' ? (err.details as { fieldErrors?: Record<string, string> } | undefined) : undefined;
  return details?.fieldErrors && Object.keys(details.fieldErrors).length > 0 ? details.fieldErrors : undefined;
}

export type Busy = 'idle' | 'loading' | 'saving' | 'approving' | 'withdrawing' | 'restoring' | 'refreshing' | 'mapping';

/** What "Your Gerrit account" gets back: a refusal (at its fields) or why Gerrit could not be asked. */
export interface GerritAccountOutcome {
  error?: CallError;
  problem?: string;
}

export interface PanelState {
  data?: PanelData;
  loadError?: CallError;
  error?: CallError;
  busy: Busy;
  vetting?: VettingDraft;
  delivery?: DeliveryDraft;
  dirty: boolean;
  /** When this person last saved in this session (for "Saved 12:03"), and what. */
  savedAt?: string;
  savedWhat?: 'record' | 'approval' | 'withdrawal' | 'restore' | 'refresh';
  /** The person's text from before a conflict reload, so nothing they typed is lost. */
  lostText?: string[];
  /** The gate and the save's checks run on the draft as the person types (absent while nothing changed). */
  live?: LiveCheck;
  /** When the unsaved edits on screen were made, if they were put back from an earlier visit. */
  restoredAt?: string;
  /** With unsaved edits: false when the browser refuses to keep them for the next visit. */
  draftKept?: boolean;
}

// The live check (zod, the domain's gate engine) is a chunk of its own, fetched at the first
// change: the first render never waits for it.
let liveGate: Promise<{ liveCheck: typeof liveCheck }> | undefined;
const loadLiveGate = () => (liveGate ??= import('../../../src/contract/live-gate.js'));

const companyIds = (d: PanelData) => d.options.companies.map((c) => c.id);
const recordOf = (d: PanelData) =>
  d.issue.lifecycle === 'portfolio' ? 'vetting' : d.issue.lifecycle === 'delivery' ? 'delivery' : undefined;

/** The browser's copy of this person's unsaved edits of the issue's record. */
const draftRef = (d: PanelData, record: DraftRef['record']): DraftRef => ({ accountId: d.viewerAccountId, issueId: d.issue.id, record });

function draftsOf(d: PanelData): { vetting?: VettingDraft; delivery?: DeliveryDraft } {
  if (d.issue.lifecycle === 'portfolio') return { vetting: vettingDraft(d.vetting?.data, companyIds(d)) };
  if (d.issue.lifecycle === 'delivery') return { delivery: deliveryDraft(d.delivery?.data) };
  return {};
}

export function usePanel() {
  const [data, setData] = useState<PanelData>();
  const [baseline, setBaseline] = useState<{ vetting?: VettingDraft; delivery?: DeliveryDraft }>({});
  const [vetting, setVetting] = useState<VettingDraft>();
  const [delivery, setDelivery] = useState<DeliveryDraft>();
  const [busy, setBusy] = useState<Busy>('loading');
  const [error, setError] = useState<CallError>();
  const [loadError, setLoadError] = useState<CallError>();
  const [savedAt, setSavedAt] = useState<string>();
  const [savedWhat, setSavedWhat] = useState<NonNullable<PanelState['savedWhat']>>('record');
  const [lostText, setLostText] = useState<string[]>();

  const [restoredAt, setRestoredAt] = useState<string>();

  /**
   * Shows a server answer. `restore`: a fresh load, where edits this browser kept from an earlier
   * visit come back: on the same revision as they were made on, into the form; on a record someone
   * saved since, as the list of texts they would lose (nothing is merged silently).
   */
  const apply = useCallback((d: PanelData, restore = false) => {
    const drafts = draftsOf(d);
    setData(d);
    setBaseline(drafts);
    setVetting(drafts.vetting);
    setDelivery(drafts.delivery);
    const record = recordOf(d);
    if (!record) return;
    if (!restore) {
      clearDraft(draftRef(d, record));
      setRestoredAt(undefined);
      return;
    }
    const kept = readDraft(draftRef(d, record));
    if (!kept) return;
    const revision = d[record]?.revision ?? null;
    const mine = kept.vetting ? vettingInput(kept.vetting) : kept.delivery ? deliveryInput(kept.delivery) : {};
    const theirs = drafts.vetting ? vettingInput(drafts.vetting) : drafts.delivery ? deliveryInput(drafts.delivery) : {};
    if (JSON.stringify(mine) === JSON.stringify(theirs)) {
      clearDraft(draftRef(d, record));
    } else if (kept.revision === revision && d.permissions.canEdit) {
      if (kept.vetting && drafts.vetting) setVetting(kept.vetting);
      if (kept.delivery && drafts.delivery) setDelivery(kept.delivery);
      setRestoredAt(kept.at);
    } else {
      const labels = Object.fromEntries(d.options.vocabulary.checklistItems.map((i) => [i.id, i.label]));
      const lost = lostTexts(mine, theirs, labels);
      setLostText(lost.length > 0 ? lost : undefined);
      clearDraft(draftRef(d, record));
    }
  }, []);

  const toError = (err: unknown) =>
    err instanceof CallError
      ? err
      : new CallError('INTERNAL', err instanceof Error ? err.message : 'Something went wrong in the LCOO panel.');

  const load = useCallback(async (): Promise<PanelData | undefined> => {
    setBusy('loading');
    try {
      // The first load was asked for by the entry, while the app's code was still loading (index.tsx).
      const fresh = await (takeEarlyLoad() ?? call('panel/load', {}));
      apply(fresh, true);
      setLoadError(undefined);
      setError(undefined);
      return fresh;
    } catch (err) {
      setLoadError(toError(err));
      return undefined;
    } finally {
      setBusy('idle');
    }
  }, [apply]);

  useEffect(() => {
    void load();
  }, [load]);

  const dirty = useMemo(() => {
    if (vetting && baseline.vetting) return !sameDraft(vetting, baseline.vetting, vettingInput);
    if (delivery && baseline.delivery) return !sameDraft(delivery, baseline.delivery, deliveryInput);
    return false;
  }, [vetting, delivery, baseline]);

  const [draftKept, setDraftKept] = useState<boolean>();
  // Unsaved edits are kept in this browser as they are typed, and a leave of the page asks first.
  useEffect(() => {
    const record = data && recordOf(data);
    if (!data || !record) return;
    if (!dirty) {
      clearDraft(draftRef(data, record));
      return;
    }
    const at = new Date().toISOString();
    const kept = writeDraft(draftRef(data, record), {
      revision: data[record]?.revision ?? null,
      at,
      ...(vetting ? { vetting } : {}),
      ...(delivery ? { delivery } : {}),
    });
    setDraftKept(kept);
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [data, dirty, vetting, delivery]);

  /** Drops the unsaved edits (on screen and kept in the browser): the form shows the saved record. */
  const discard = useCallback(() => {
    setVetting(baseline.vetting);
    setDelivery(baseline.delivery);
    setRestoredAt(undefined);
    const record = data && recordOf(data);
    if (data && record) clearDraft(draftRef(data, record));
  }, [baseline, data]);

  const [live, setLive] = useState<LiveCheck>();
  useEffect(() => {
    const input = !dirty || !data ? undefined : vetting ? vettingInput(vetting) : delivery ? deliveryInput(delivery) : undefined;
    if (!data || !input) {
      setLive(undefined);
      return;
    }
    let current = true;
    loadLiveGate().then(
      (m) => {
        if (current) setLive(m.liveCheck(data, input, Date.now()));
      },
      // Without the chunk the panel still works: readiness stays as of the last save.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [data, dirty, vetting, delivery]);

  /** Bumped when a save is refused for fields: the form opens their rows and focuses the first. */
  const [fieldFocus, setFieldFocus] = useState(0);

  const save = useCallback(async () => {
    if (!data || busy !== 'idle') return;
    setError(undefined);
    // The live check runs the save's own schemas: what it refuses, the server would refuse too.
    const refused = live && Object.keys(live.fieldErrors).length > 0 ? live.fieldErrors : undefined;
    if (refused) {
      const labels = Object.fromEntries(data.options.vocabulary.checklistItems.map((i) => [i.id, i.label]));
      const list = Object.entries(refused).map(([path, m]) => `${readablePath(path.replace(/^\w+\./, ''), labels)}: ${m}`);
      setError(new CallError('BAD_REQUEST', `Not saved: ${list.join(' ')}`, { fieldErrors: refused }));
      setFieldFocus((n) => n + 1);
      return;
    }
    setBusy('saving');
    try {
      const next =
        data.issue.lifecycle === 'portfolio' && vetting
          ? await call('vetting/save', { revision: data.vetting?.revision ?? null, vetting: vettingInput(vetting) })
          : delivery
            ? await call('delivery/save', { revision: data.delivery?.revision ?? null, delivery: deliveryInput(delivery) })
            : undefined;
      if (next) {
        apply(next);
        setSavedAt(new Date().toISOString());
        setSavedWhat('record');
        setLostText(undefined);
      }
    } catch (err) {
      const e = toError(err);
      setError(e);
      if (fieldErrorsOf(e)) setFieldFocus((n) => n + 1);
    } finally {
      setBusy('idle');
    }
  }, [data, busy, vetting, delivery, apply, live]);

  /** After a conflict: fetch the other person's version, and keep on screen what of this person's text it lacks. */
  const reloadAfterConflict = useCallback(async () => {
    const mine = vetting ? vettingInput(vetting) : delivery ? deliveryInput(delivery) : {};
    const fresh = await load();
    if (!fresh) return;
    const drafts = draftsOf(fresh);
    const theirs = drafts.vetting ? vettingInput(drafts.vetting) : drafts.delivery ? deliveryInput(drafts.delivery) : {};
    const labels = Object.fromEntries(fresh.options.vocabulary.checklistItems.map((i) => [i.id, i.label]));
    const lost = lostTexts(mine, theirs, labels);
    setLostText(lost.length > 0 ? lost : undefined);
  }, [vetting, delivery, load]);

  const approve = useCallback(
    async (req: ApproveRequest) => {
      if (!data || busy !== 'idle') return;
      const revision = (req.record === 'vetting' ? data.vetting?.revision : data.delivery?.revision) ?? null;
      setBusy('approving');
      setError(undefined);
      try {
        apply(await call('approvals/record', { ...req, revision }));
        setSavedAt(new Date().toISOString());
        setSavedWhat('approval');
      } catch (err) {
        setError(toError(err));
      } finally {
        setBusy('idle');
      }
    },
    [data, busy, apply],
  );

  /** Runs one write that answers with the whole panel (approvals, withdrawals, restores). */
  const runWrite = useCallback(
    async (what: Busy, done: NonNullable<PanelState['savedWhat']>, write: () => Promise<PanelData>) => {
      if (!data || busy !== 'idle') return;
      setBusy(what);
      setError(undefined);
      try {
        apply(await write());
        setSavedAt(new Date().toISOString());
        setSavedWhat(done);
      } catch (err) {
        setError(toError(err));
      } finally {
        setBusy('idle');
      }
    },
    [data, busy, apply],
  );

  const withdraw = useCallback(
    (req: WithdrawRequest) => {
      const revision = (req.record === 'vetting' ? data?.vetting?.revision : data?.delivery?.revision) ?? null;
      return runWrite('withdrawing', 'withdrawal', () => call('approvals/withdraw', { ...req, revision }));
    },
    [data, runWrite],
  );

  /** Puts back the last version the app saved (the property was deleted, forged or replaced). */
  const restore = useCallback(() => {
    const record = data?.issue.lifecycle === 'delivery' ? 'delivery' : 'vetting';
    const revision = (record === 'vetting' ? data?.vetting?.revision : data?.delivery?.revision) ?? null;
    return runWrite('restoring', 'restore', () => call('record/restore', { record, revision }));
  }, [data, runWrite]);

  /** Reads Gerrit now for this deliverable; the answer is the panel with the new (or stale) evidence. */
  const refreshUpstream = useCallback(() => runWrite('refreshing', 'refresh', () => call('delivery/refresh-upstream', {})), [runWrite]);

  /**
   * Saves or removes the person's own Gerrit account (issue 14.5). Only the panel's view of the
   * cores is taken from the answer: a delivery draft being edited stays as it is.
   */
  const gerritAccount = useCallback(
    async (payload: { account: string; company?: string } | 'remove'): Promise<GerritAccountOutcome> => {
      if (!data || busy !== 'idle') return {};
      setBusy('mapping');
      try {
        const next = payload === 'remove' ? await call('gerrit-account/remove', {}) : await call('gerrit-account/save', payload);
        setData((d) => (d && next.gerritPeople ? { ...d, gerritPeople: next.gerritPeople } : d));
        return next.gerritAccountProblem ? { problem: next.gerritAccountProblem } : {};
      } catch (err) {
        return { error: toError(err) };
      } finally {
        setBusy('idle');
      }
    },
    [data, busy],
  );

  const state: PanelState = {
    busy,
    dirty,
    ...(data ? { data } : {}),
    ...(loadError ? { loadError } : {}),
    ...(error ? { error } : {}),
    ...(vetting ? { vetting } : {}),
    ...(delivery ? { delivery } : {}),
    ...(savedAt ? { savedAt, savedWhat } : {}),
    ...(lostText ? { lostText } : {}),
    ...(live && dirty ? { live } : {}),
    ...(restoredAt && dirty ? { restoredAt } : {}),
    ...(dirty && draftKept !== undefined ? { draftKept } : {}),
  };
  return {
    state,
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
    dismissLost: () => setLostText(undefined),
    discard,
  };
}
