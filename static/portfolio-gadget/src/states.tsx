// Loading, empty and error states: each says what is happening and what to do next.
import { markBusy } from '../../shared/busy';
import type { ReactNode } from 'react';
import * as space from '../../shared/space';
import * as color from './color';
import { card } from './styles';

export function Notice({
  tone,
  title,
  children,
  action,
  testId,
}: {
  tone: 'info' | 'warning' | 'error';
  title: string;
  children?: ReactNode;
  action?: ReactNode;
  testId?: string;
}) {
  const accent = tone === 'error' ? color.dangerBorder : tone === 'warning' ? color.warningText : color.selectedBorder;
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      data-testid={testId}
      style={{ ...card, borderLeft: `4px solid ${accent}`, marginBottom: space.m }}
    >
      <div style={{ fontWeight: 600, marginBottom: space.xs, color: color.text }}>{title}</div>
      {children ? <div style={{ fontSize: 13, color: color.subtle }}>{children}</div> : null}
      {action ? <div style={{ marginTop: space.s }}>{action}</div> : null}
    </div>
  );
}

/** A placeholder shaped like the charts and the table, so the layout doesn't jump when data lands. */
export function LoadingView() {
  const block = (h: number) => <div style={{ ...card, height: h, background: color.sunken }} />;
  return (
    <div role="status" aria-live="polite" data-testid="gadget-loading">
      <div style={{ fontSize: 13, color: color.subtle, marginBottom: space.s }}>Loading the LCOO portfolio from Jira...</div>
      <div className="lcoo-grid">
        {block(150)}
        {block(150)}
      </div>
      {block(260)}
    </div>
  );
}

export function TextButton({
  onClick,
  children,
  testId,
  primary,
}: {
  onClick: () => void;
  children: ReactNode;
  testId?: string;
  primary?: boolean;
}) {
  return (
    <button
      type="button"
      onClick={onClick}
      data-testid={testId}
      className="lcoo-chip"
      style={
        primary ? { background: color.selected, color: color.selectedText, borderColor: color.selectedBorder, fontWeight: 600 } : undefined
      }
    >
      {children}
    </button>
  );
}

/** Busy while a load runs; settled once data or an error is on screen (static/shared/busy.ts). */
export function markSettled(settled: boolean): void {
  markBusy(!settled);
}
