// Typography tokens the Custom UI apps share, each with its light value as fallback (see
// color.ts for why). Import as a namespace (`import * as font from`) and read properties only:
// esbuild then keeps just the tokens an app reads.
import { token } from '@atlaskit/tokens';

export const small = /* @__PURE__ */ token('font.body.small', 'normal 400 12px/16px ui-sans-serif, system-ui, sans-serif');
export const body = /* @__PURE__ */ token('font.body', 'normal 400 14px/20px ui-sans-serif, system-ui, sans-serif');
export const headingS = /* @__PURE__ */ token('font.heading.xsmall', 'normal 653 14px/16px ui-sans-serif, system-ui, sans-serif');
export const headingM = /* @__PURE__ */ token('font.heading.small', 'normal 653 16px/20px ui-sans-serif, system-ui, sans-serif');
export const headingL = /* @__PURE__ */ token('font.heading.medium', 'normal 653 20px/24px ui-sans-serif, system-ui, sans-serif');
