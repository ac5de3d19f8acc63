import type { IDataObject } from 'n8n-workflow';

import { toNumber } from '../../helpers/reportShapes';

/** A pattern row: `pattern_status_id` as a number, each variable's `len` as a number. */
export function shapePatternRow(row: IDataObject): IDataObject {
	const shaped: IDataObject = { ...row };
	if ('pattern_status_id' in row) shaped.pattern_status_id = toNumber(row.pattern_status_id) as IDataObject[string];
	if (Array.isArray(row.variable)) {
		shaped.variable = (row.variable as IDataObject[]).map((variable) =>
			'len' in variable ? { ...variable, len: toNumber(variable.len) as IDataObject[string] } : variable,
		);
	}
	return shaped;
}
