// Every call this app makes to its resolver, typed by the contract's wire (src/contract/wire.ts).
import type { PanelWire } from '../../../src/contract/wire';
import { makeCaller } from '../../shared/invoke';

export const { call, isCallError } = makeCaller<PanelWire>();
