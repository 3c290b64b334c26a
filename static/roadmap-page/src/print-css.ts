// The page printed (the browser's Print, or "Save as PDF"): only the roadmap itself, in black on
// white, rows never split across pages, controls and tabs hidden.
export const PRINT_CSS = `
@media print {
  .no-print, [role="tablist"], button { display: none !important; }
  body, main { background: #fff !important; color: #000 !important; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border: 1px solid #999; padding: 2px 4px; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
}
`;
