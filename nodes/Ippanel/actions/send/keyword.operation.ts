import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { parameterError } from '../../helpers/errors';
import { checkMessage } from '../../helpers/smsParts';
import { columnIndex } from '../../helpers/xlsx';
import {
	additionalFields,
	fromNumberField,
	messageField,
	readFromNumber,
	readMessage,
	readSendTime,
	safetyOptions,
	sendTimeOption,
	withSendTime,
} from './fields';
import type { ItemSend, PricedText, SendPlanner } from './plan';
import { runSends } from './runSends';
import { binaryFileField, fileError, MAX_FILE_RECIPIENTS, readSheetFile, rowNumber, sendFileOf } from './sheetFile';

const PLACEHOLDER = /\{ex_([A-Za-z]{1,3})\}/g;

const properties: INodeProperties[] = [
	fromNumberField,
	messageField(
		'The SMS text, with placeholders that IPPanel fills from the columns of each row: {ex_B} is column B, {ex_C} column C, and so on (column A holds the numbers). Each filled-in text must stay within 1,400 characters or 20 parts.',
	),
	binaryFileField(
		'The binary property of the input item that holds the Excel sheet (XLSX), for example "data" from a Convert to File node. Column A holds the numbers, the next columns the values of {ex_B}, {ex_C}…, optionally under a header row. Every row is checked before the file is uploaded unchanged.',
	),
	additionalFields([...safetyOptions, sendTimeOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['send'], operation: ['keyword'] } }, properties);

/** The distinct column letters the text's placeholders name, upper case. */
export function placeholderColumns(text: string): string[] {
	return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1].toUpperCase()))];
}

export const planner: SendPlanner = {
	async plan(this: IExecuteFunctions, itemIndex: number): Promise<ItemSend> {
		const from = readFromNumber.call(this, itemIndex);
		const { text } = readMessage.call(this, itemIndex);
		const columns = placeholderColumns(text);
		if (!columns.length) {
			throw parameterError(
				this.getNode(),
				{ parameter: 'message', itemIndex },
				'The text has no {ex_B}-style placeholder',
				'Name the sheet columns to fill in, for example "Hello {ex_B}". For one text to every number use Send → From File.',
			);
		}
		const file = await readSheetFile.call(this, itemIndex, { formats: ['xlsx'], columns: 'the numbers in column A and the placeholder values in B, C…' });
		if (file.rows.length > MAX_FILE_RECIPIENTS) {
			throw fileError.call(this, `The sheet "${file.fileName}" has ${file.rows.length} rows, more than IPPanel's ${MAX_FILE_RECIPIENTS}`, itemIndex, 'Split it into several files.');
		}
		const width = Math.max(file.header?.length ?? 0, ...file.rows.map((row) => row.length));
		const missing = columns.filter((column) => columnIndex(column) >= width);
		if (missing.length) {
			throw parameterError(
				this.getNode(),
				{ parameter: 'message', itemIndex },
				`The placeholder(s) ${missing.map((column) => `{ex_${column}}`).join(', ')} name column(s) the sheet "${file.fileName}" does not have (it has columns A–${String.fromCharCode(64 + Math.min(width, 26))})`,
				'Use placeholders for the columns the sheet has, or add the columns to the sheet.',
			);
		}
		const recipients = new Set<string>();
		// Priced per group of equal encoding and parts: one calculate-price per group, not per row.
		const groups = new Map<string, PricedText>();
		for (let index = 0; index < file.rows.length; index++) {
			const row = file.rows[index];
			const line = file.rowNumbers[index];
			recipients.add(rowNumber.call(this, file, index, itemIndex));
			let filled = text;
			for (const column of columns) {
				const value = (row[columnIndex(column)] ?? '').trim();
				if (!value) {
					throw fileError.call(this, `Row ${line} of "${file.fileName}": column ${column} (for {ex_${column}}) is empty`, itemIndex,
						`Fill column ${column} on every row, or remove {ex_${column}} from the text: an empty value would go out as a gap in a paid SMS.`);
				}
				filled = filled.split(new RegExp(`\\{ex_${column}\\}`, 'gi')).join(value);
			}
			const estimate = checkMessage(this.getNode(), filled, { parameter: `message (filled from row ${line} of ${file.fileName})`, itemIndex });
			const key = `${estimate.encoding}:${estimate.parts}`;
			const group = groups.get(key) ?? { from, text: filled, recipients: 0 };
			group.recipients++;
			if (filled.length > group.text.length) group.text = filled;
			groups.set(key, group);
		}
		return {
			itemIndex,
			sendingType: 'keyword',
			recipients: [...recipients],
			texts: [...groups.values()],
			requests: [
				{
					body: withSendTime({ sending_type: 'keyword', from_number: from, message: text }, readSendTime.call(this, itemIndex)),
					file: sendFileOf(file),
					items: [itemIndex],
				},
			],
		};
	},
};

export async function executeBatch(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runSends.call(this, items, planner);
}
