import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { parameterError } from '../../helpers/errors';
import { audienceRow, checkSizes, cityField, countRegion, countyField, provinceField, readRegion, regionFiltersField, requestedRow } from './criteria';

const properties: INodeProperties[] = [provinceField, countyField, cityField, regionFiltersField];

export const description = updateDisplayOptions({ show: { resource: ['audience'], operation: ['countRegion'] } }, properties);

/** One item: the region's numbers per operator, as IPPanel counts them. Sends nothing. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const cache = new Map<string, Promise<unknown>>();
	const region = await readRegion.call(this, itemIndex, cache);
	if (region.cityId === undefined) {
		throw parameterError(
			this.getNode(),
			{ parameter: region.countyId === undefined ? 'countyId' : 'cityId', itemIndex },
			'IPPanel counts region audiences per city only',
			'Choose a county and a city: IPPanel\'s count requires the province, county and city (both its English and Persian pages).',
			{ nothingSent: false },
		);
	}
	const audience = (await countRegion.call(this, region, itemIndex, cache))!;
	const requested = requestedRow(region.operators);
	if (requested) checkSizes.call(this, region.operators, audience, 'regionFilters', itemIndex);
	return [
		{
			province_id: region.provinceId,
			county_id: region.countyId ?? null,
			city_id: region.cityId,
			region: region.names.join(' › '),
			...audienceRow(audience),
			...(requested ? { requested } : {}),
		},
	];
}
