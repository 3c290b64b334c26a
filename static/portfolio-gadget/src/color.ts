// The gadget's colours as design tokens (var(--ds-...)), so it follows Jira's light and dark themes.
// Unlike static/shared/color.ts these carry no fallback values, as the gadget always had: taking
// the shared ones would add ~0.1 KB gzip and change how the gadget looks if the theme stylesheet
// fails to load. A module rather than an object so esbuild keeps only the tokens the gadget reads.
import { token } from '@atlaskit/tokens';

export const text = /* @__PURE__ */ token('color.text');
export const subtle = /* @__PURE__ */ token('color.text.subtle');
export const subtlest = /* @__PURE__ */ token('color.text.subtlest');
export const dangerText = /* @__PURE__ */ token('color.text.danger');
export const successText = /* @__PURE__ */ token('color.text.success');
export const border = /* @__PURE__ */ token('color.border');
export const surface = /* @__PURE__ */ token('elevation.surface');
export const sunken = /* @__PURE__ */ token('elevation.surface.sunken');

export const inverse = /* @__PURE__ */ token('color.text.inverse');
export const link = /* @__PURE__ */ token('color.link');
export const raised = /* @__PURE__ */ token('elevation.surface.raised');
export const input = /* @__PURE__ */ token('color.background.input');
export const inputBorder = /* @__PURE__ */ token('color.border.input');
export const focus = /* @__PURE__ */ token('color.border.focused');
export const neutral = /* @__PURE__ */ token('color.background.neutral');
export const selected = /* @__PURE__ */ token('color.background.selected');
export const selectedText = /* @__PURE__ */ token('color.text.selected');
export const selectedBorder = /* @__PURE__ */ token('color.border.selected');
export const danger = /* @__PURE__ */ token('color.background.danger');
export const dangerBorder = /* @__PURE__ */ token('color.border.danger');
export const warning = /* @__PURE__ */ token('color.background.warning');
export const warningText = /* @__PURE__ */ token('color.text.warning');
export const portfolioBar = /* @__PURE__ */ token('color.chart.blue.bold');
export const deliveryBar = /* @__PURE__ */ token('color.chart.purple.bold');
export const completeBar = /* @__PURE__ */ token('color.chart.teal.bold');
