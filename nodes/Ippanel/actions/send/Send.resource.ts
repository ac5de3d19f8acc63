import type { Resource } from '../../helpers/interfaces';
import * as cancel from './cancel.operation';
import * as estimatePrice from './estimatePrice.operation';
import * as pattern from './pattern.operation';
import * as peerToPeer from './peerToPeer.operation';
import * as peerToPeerFile from './peerToPeerFile.operation';
import * as phonebook from './phonebook.operation';
import * as postalCode from './postalCode.operation';
import * as votp from './votp.operation';
import * as webservice from './webservice.operation';

/** The first operation is the default one. */
export const send: Resource = {
	option: { name: 'Send', value: 'send' },
	operations: { webservice, pattern, votp, peerToPeer, peerToPeerFile, phonebook, postalCode, estimatePrice, cancel },
};
