import type { IDataObject } from 'n8n-workflow';

import { withNumbers } from '../../helpers/reportShapes';

/** A pattern row: `pattern_status_id` as a number, each variable's `len` as a number. */
export function shapePatternRow(row: IDataObject): IDataObject {
	const shaped = withNumbers(row, ['pattern_status_id']);
	if (Array.isArray(row.variable)) shaped.variable = (row.variable as IDataObject[]).map((variable) => withNumbers(variable, ['len']));
	return shaped;
}
