// The gadget's shared styles. Every colour is a design token (see color.ts), so the gadget follows
// Jira's light and dark themes.
import { token } from '@atlaskit/tokens';
import type { CSSProperties } from 'react';
import * as space from '../../shared/space';
import * as color from './color';

/** Heat-map shades by level 0..4 with a text colour that stays readable on each. */
export const heat: { background: string; color: string }[] = [
  // Subtle, not subtlest: the pale grey failed WCAG AA (4.5:1) on small numbers.
  { background: 'transparent', color: color.subtle },
  { background: token('color.background.accent.blue.subtlest'), color: color.text },
  { background: token('color.background.accent.blue.subtler'), color: color.text },
  { background: token('color.background.accent.blue.subtle'), color: color.text },
  { background: token('color.background.accent.blue.bolder'), color: color.inverse },
];

export const card: CSSProperties = {
  background: color.raised,
  border: `1px solid ${color.border}`,
  borderRadius: 6,
  padding: space.m,
  minWidth: 0,
};

export const cardTitle: CSSProperties = { margin: `0 0 ${space.s} 0`, fontSize: 14, fontWeight: 600, color: color.text };

export const small: CSSProperties = { fontSize: 12, color: color.subtle };

export const badge = (background: string, fg: string): CSSProperties => ({
  display: 'inline-block',
  padding: '0 6px',
  borderRadius: 3,
  fontSize: 11,
  fontWeight: 700,
  lineHeight: '16px',
  textTransform: 'uppercase',
  background,
  color: fg,
  whiteSpace: 'nowrap',
});

/** A few rules inline styles can't express (hover, focus ring, responsive grid). */
export const GLOBAL_CSS = `
body { margin: 0; background: ${color.surface}; color: ${color.text}; font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", sans-serif; font-size: 14px; }
.lcoo-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: ${space.m}; margin-bottom: ${space.m}; }
.lcoo-select, .lcoo-input, .lcoo-textarea { background: ${color.input}; color: ${color.text}; border: 2px solid ${color.inputBorder}; border-radius: 3px; padding: 4px 6px; font: inherit; font-size: 13px; }
.lcoo-select:focus, .lcoo-input:focus, .lcoo-textarea:focus, .lcoo-chip:focus-visible, .lcoo-link:focus-visible { outline: 2px solid ${color.focus}; outline-offset: 1px; }
.lcoo-link { color: ${color.link}; text-decoration: none; font-weight: 500; }
.lcoo-link:hover { text-decoration: underline; }
.lcoo-chip { cursor: pointer; border: 1px solid ${color.border}; background: ${color.surface}; color: ${color.text}; border-radius: 12px; padding: 2px 10px; font: inherit; font-size: 12px; }
.lcoo-chip[aria-pressed="true"] { background: ${color.selected}; color: ${color.selectedText}; border-color: ${color.selectedBorder}; }
.lcoo-heat { border-collapse: collapse; font-size: 12px; width: 100%; table-layout: fixed; min-width: 360px; }
.lcoo-heat th.lcoo-heat-col { white-space: normal; vertical-align: bottom; text-align: center; overflow-wrap: normal; word-break: normal; }
.lcoo-heat th.lcoo-heat-corner { vertical-align: bottom; font-weight: 400; }
/* relative: the cell's hidden label is absolutely placed and must stay inside the heat map's scroll box. */
.lcoo-cell { all: unset; position: relative; box-sizing: border-box; display: block; width: 100%; cursor: pointer; border-radius: 2px; }
.lcoo-cell:hover { text-decoration: underline; }
.lcoo-cell:focus-visible, .lcoo-scroll:focus-visible, .lcoo-more:focus-visible { outline: 2px solid ${color.focus}; outline-offset: 1px; }
.lcoo-more > summary { cursor: pointer; }
.lcoo-heat th.lcoo-heat-col-turned { writing-mode: vertical-rl; transform: rotate(180deg); text-align: left; white-space: nowrap; max-height: 170px; overflow: hidden; text-overflow: ellipsis; padding: 4px 2px; }
.lcoo-heat tbody th { white-space: normal; overflow-wrap: normal; }
.lcoo-heat th { font-weight: 600; color: ${color.subtle}; text-align: left; padding: 2px 4px; white-space: nowrap; }
.lcoo-heat td { text-align: center; padding: 3px 4px; border: 1px solid ${color.surface}; min-width: 28px; }
.lcoo-scroll { overflow-x: auto; }
.lcoo-visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.lcoo-clamp { display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; }
`;
