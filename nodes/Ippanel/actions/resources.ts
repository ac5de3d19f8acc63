import type { Resource } from '../helpers/interfaces';
import { account } from './account/Account.resource';
import { pattern } from './pattern/Pattern.resource';
import { report } from './report/Report.resource';
import { send } from './send/Send.resource';
import { senderNumber } from './senderNumber/SenderNumber.resource';

/** Every resource of the node. Adding one: its folder, and one line here. */
export const resources: Record<string, Resource> = {
	send,
	report,
	account,
	senderNumber,
	pattern,
};
