import type { Resource } from '../../helpers/interfaces';
import * as getById from './getById.operation';
import * as inbox from './inbox.operation';
import * as list from './list.operation';
import * as recipients from './recipients.operation';
import * as stats from './stats.operation';

export const report: Resource = {
	option: { name: 'Report', value: 'report' },
	operations: { list, getById, stats, recipients, inbox },
};
