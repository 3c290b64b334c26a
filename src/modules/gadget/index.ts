// The dashboard gadget's resolver (manifest function gadget-resolver).
import { GADGET_WIRE } from '../../contract/wire';
import { defineResolver } from '../shared/define-resolver';
import { checkConfigHandler, gadgetOptionsHandler } from './gadget-options';
import { loadPortfolioHandler } from './load-portfolio';

export const gadgetResolver = defineResolver(GADGET_WIRE, {
  'portfolio/load': loadPortfolioHandler,
  'gadget/options': gadgetOptionsHandler,
  'gadget/check-config': checkConfigHandler,
});
