// Text, border and surface colour tokens the Custom UI apps share: var(--ds-...) so Jira's light
// and dark themes both apply, with Atlassian's light value as fallback so a frame whose theme
// stylesheet did not load (view.theme.enable failed) still reads instead of going unstyled.
// Import as a namespace (`import * as color from`) and read properties only: esbuild then keeps
// just the tokens an app reads (token() is marked pure for that). App-only colours stay in the app.
import { token } from '@atlaskit/tokens';

export const text = /* @__PURE__ */ token('color.text', '#172B4D');
export const subtle = /* @__PURE__ */ token('color.text.subtle', '#44546F');
export const subtlest = /* @__PURE__ */ token('color.text.subtlest', '#626F86');
export const danger = /* @__PURE__ */ token('color.text.danger', '#AE2E24');
export const warning = /* @__PURE__ */ token('color.text.warning', '#A54800');
export const success = /* @__PURE__ */ token('color.text.success', '#216E4E');
export const border = /* @__PURE__ */ token('color.border', '#091E4224');
export const surface = /* @__PURE__ */ token('elevation.surface', '#FFFFFF');
export const sunken = /* @__PURE__ */ token('elevation.surface.sunken', '#F7F8F9');
