// Spacing design tokens the Custom UI apps share, each with its light value as fallback (see
// color.ts for why). Import as a namespace (`import * as space from`) and read properties only:
// esbuild then keeps just the tokens an app reads, so sharing never grows a bundle.
import { token } from '@atlaskit/tokens';

export const xs = /* @__PURE__ */ token('space.050', '4px');
export const s = /* @__PURE__ */ token('space.100', '8px');
export const m = /* @__PURE__ */ token('space.150', '12px');
export const l = /* @__PURE__ */ token('space.200', '16px');
export const xl = /* @__PURE__ */ token('space.300', '24px');
