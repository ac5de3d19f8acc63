import type { Resource } from '../helpers/interfaces';
import { account } from './account/Account.resource';

/** Every resource of the node. Adding one: its folder, and one line here. */
export const resources: Record<string, Resource> = {
	account,
};
