import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	audienceRow,
	checkSizes,
	cityField,
	countRegion,
	countyField,
	provinceField,
	readRegion,
	regionFiltersField,
	requestedRow,
	type LookupCache,
} from '../audience/criteria';
import { BIRTH_YEARS, v1Blocks } from './bankFilters';
import {
	additionalFields,
	fromNumberField,
	messageField,
	readFromNumber,
	readMessage,
	readOtherRecipients,
	readSendTime,
	otherRecipientsField,
	safetyOptions,
	sendTimeOption,
	withSendTime,
} from './fields';
import type { ItemSend, PlanCache, SendPlanner } from './plan';
import { runSends } from './runSends';

const properties: INodeProperties[] = [
	fromNumberField,
	messageField(),
	provinceField,
	countyField,
	cityField,
	regionFiltersField,
	otherRecipientsField,
	additionalFields([...safetyOptions, sendTimeOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['send'], operation: ['region'] } }, properties);

/**
 * IPPanel's v1 region send (`sending_type: country`): documented in English and Persian, with
 * look-ups and counts at the normal API root. Bank "all"; gender and birth years are always sent
 * (the English page marks them required, the Persian page gives these defaults); the three
 * operator blocks whenever a size is set (see v1Blocks).
 */
export const planner: SendPlanner = {
	async plan(this: IExecuteFunctions, itemIndex: number, cache: PlanCache): Promise<ItemSend> {
		const from = readFromNumber.call(this, itemIndex);
		const { text } = readMessage.call(this, itemIndex);
		const otherRecipients = readOtherRecipients.call(this, itemIndex);
		const region = await readRegion.call(this, itemIndex, cache as LookupCache);
		const audience = await countRegion.call(this, region, itemIndex, cache as LookupCache);
		if (audience) checkSizes.call(this, region.operators, audience, 'regionFilters', itemIndex);

		const entry: IDataObject = { bank: 'all', province_id: region.provinceId };
		if (region.countyId !== undefined) entry.county_id = region.countyId;
		if (region.cityId !== undefined) entry.city_id = region.cityId;
		if (region.prefix) entry.pre = Number(region.prefix);
		Object.assign(entry, {
			gender: region.gender,
			age_from: region.birthYearFrom ?? BIRTH_YEARS.min,
			age_to: region.birthYearTo ?? BIRTH_YEARS.max,
			...v1Blocks(region.operators),
		});
		const body: IDataObject = { sending_type: 'country', from_number: from, message: text, params: [entry] };
		if (otherRecipients.length) body.other_recipients = otherRecipients;

		const sized = region.operators.total;
		return {
			itemIndex,
			sendingType: 'country',
			recipients: otherRecipients,
			unlistedRecipients: sized,
			audienceUnknown:
				sized === undefined
					? 'A region send without an operator size reaches every number of the region, a count not known before sending: set Filters → MCI, Irancell or Other Operators Size'
					: undefined,
			texts: [{ from, text, recipients: (sized ?? 0) + otherRecipients.length }],
			dryRunDetails: {
				region: region.names.join(' › '),
				audience: audience ? audienceRow(audience) : null,
				...(audience ? {} : { audience_note: 'IPPanel counts region audiences per city: choose a county and city to see it' }),
				requested: requestedRow(region.operators),
			},
			requests: [{ body: withSendTime(body, readSendTime.call(this, itemIndex)), items: [itemIndex] }],
		};
	},
};

export async function executeBatch(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runSends.call(this, items, planner);
}
