import type { Resource } from '../../helpers/interfaces';
import * as getAll from './getAll.operation';

export const senderNumber: Resource = {
	option: { name: 'Sender Number', value: 'senderNumber' },
	operations: { getAll },
};
