import type { Resource } from '../../helpers/interfaces';
import * as getCredit from './getCredit.operation';
import * as getProfile from './getProfile.operation';

export const account: Resource = {
	option: { name: 'Account', value: 'account' },
	operations: { getCredit, getProfile },
};
