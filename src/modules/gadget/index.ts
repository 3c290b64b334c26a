// The dashboard gadget's resolver (manifest function gadget-resolver).
import { defineResolver } from '../shared/define-resolver';
import { checkConfigHandler, gadgetOptionsHandler } from './gadget-options';
import { loadPortfolioHandler } from './load-portfolio';

export const gadgetResolver = defineResolver({
  'portfolio/load': loadPortfolioHandler(),
  'gadget/options': gadgetOptionsHandler,
  'gadget/check-config': checkConfigHandler,
});
