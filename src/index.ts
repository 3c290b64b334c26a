// The handlers manifest.yml names, and nothing else. Each lives in its own module entry.
export { gadgetResolver } from './modules/gadget';
export { panelResolver } from './modules/panel';
