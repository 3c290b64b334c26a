// Unsaved edits kept in the browser, per person, issue and record, so leaving the issue (Jira swaps the
// panel's frame away without any unload event), closing the tab or a transition that reloads the
// issue never drops them silently: the next visit puts them back with a notice. Forge's Custom UI
// frame is sandboxed with allow-same-origin, so the app's origin has its own localStorage (see
// docs/platform-facts.md). A browser that blocks third-party storage (Chrome's "Block third-party
// cookies", incognito) refuses it to the frame, which Jira's page embeds from another site: then
// the panel says that it can't keep the edits, and the "unsaved changes" state and the warning on
// leaving remain. The key names the person: on a browser two people share, or after switching
// accounts, one person's edits never appear (or get saved) in the other's panel.
import type { DeliveryDraft, VettingDraft } from './draft';

export interface StoredDraft {
  /** The revision the edits were made on (null: there was no record yet). */
  revision: number | null;
  /** When the person last changed something (ISO). */
  at: string;
  vetting?: VettingDraft;
  delivery?: DeliveryDraft;
}

/** Whose edits, on which issue and record. */
export interface DraftRef {
  accountId: string;
  issueId: string;
  record: 'vetting' | 'delivery';
}

const keyOf = ({ accountId, issueId, record }: DraftRef) => `lcoo-draft:${accountId}:${issueId}:${record}`;

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

export function readDraft(ref: DraftRef): StoredDraft | undefined {
  const { record } = ref;
  try {
    const raw = storage()?.getItem(keyOf(ref));
    if (!raw) return undefined;
    const d = JSON.parse(raw) as Partial<StoredDraft>;
    // Only a draft of the shape this version of the panel writes; anything else is dropped.
    if (typeof d.at !== 'string' || !(d.revision === null || typeof d.revision === 'number')) return undefined;
    if (record === 'vetting' ? typeof d.vetting !== 'object' : typeof d.delivery !== 'object') return undefined;
    return d as StoredDraft;
  } catch {
    return undefined;
  }
}

/** Keeps the draft; false where the browser refuses the frame its storage (the panel then says so). */
export function writeDraft(ref: DraftRef, draft: StoredDraft): boolean {
  try {
    const store = storage();
    if (!store) return false;
    store.setItem(keyOf(ref), JSON.stringify(draft));
    return true;
  } catch {
    // Full or refused storage: the unsaved state and the leave warning still stand.
    return false;
  }
}

export function clearDraft(ref: DraftRef): void {
  try {
    storage()?.removeItem(keyOf(ref));
  } catch {
    // Nothing to clear where storage is refused.
  }
}
