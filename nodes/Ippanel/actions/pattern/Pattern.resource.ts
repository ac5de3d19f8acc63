import type { Resource } from '../../helpers/interfaces';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const pattern: Resource = {
	option: { name: 'Pattern', value: 'pattern' },
	operations: { getAll, get },
};
