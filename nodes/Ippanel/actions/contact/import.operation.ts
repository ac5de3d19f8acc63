import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { parameterError } from '../../helpers/errors';
import { apiRequest } from '../../transport';
import { readOneId } from '../common/phonebook';
import { phonebookIdField } from '../phonebook/phonebookId';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const properties: INodeProperties[] = [
	{ ...phonebookIdField, description: `The phonebook to import into. ${phonebookIdField.description}` },
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the input binary field containing the file to be imported',
		description:
			'The binary property holding the Excel (XLSX) or CSV file: a header row naming number, pre, name, email and custom-field IDs, or columns A number, B prefix, C name, D email, then the phonebook\'s fields. IPPanel\'s pages ask for Excel: a CSV is uploaded as it is, and IPPanel may refuse it.',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['contact'], operation: ['import'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const phonebookId = readOneId.call(this, 'phonebookId', itemIndex, 'phonebook');
	const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	let binary;
	try {
		binary = this.helpers.assertBinaryData(itemIndex, property);
	} catch {
		throw parameterError(
			this.getNode(),
			{ parameter: 'binaryPropertyName', itemIndex },
			`The input item has no binary field "${property}"`,
			'Set Input Binary Field to the name of the binary property that holds the file (shown on the item\'s Binary tab), for example data.',
		);
	}
	const fileName = binary.fileName ?? 'contacts.xlsx';
	const isCsv = /\.csv$/i.test(fileName) || /csv/i.test(binary.mimeType ?? '');
	const mimeType = binary.mimeType || (isCsv ? 'text/csv' : XLSX);
	const data = await this.helpers.getBinaryDataBuffer(itemIndex, property);
	if (!data.length) {
		throw parameterError(this.getNode(), { parameter: 'binaryPropertyName', itemIndex }, `The file "${fileName}" is empty`, 'Give a file with one contact per row.');
	}
	const form = new FormData();
	form.append('file', new Blob([data], { type: mimeType }), fileName);
	await apiRequest.call(this, 'POST', `/api/phonebooks/${phonebookId}/import`, { formData: form, itemIndex });
	return [{ phonebook_id: Number(phonebookId), imported: true, file_name: fileName, bytes: data.length }];
}
