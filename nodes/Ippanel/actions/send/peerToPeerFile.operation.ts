import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { checkMessage } from '../../helpers/smsParts';
import {
	additionalFields,
	fromNumberField,
	readFromNumber,
	readSendTime,
	safetyOptions,
	sendTimeOption,
	withSendTime,
} from './fields';
import type { ItemSend, PricedText, SendPlanner } from './plan';
import { runSends } from './runSends';
import { fileError, readSheetFile, rowNumber, sendFileOf } from './sheetFile';

/** IPPanel's documented ceiling for one peer-to-peer file. */
const MAX_FILE_ROWS = 10_000;

const properties: INodeProperties[] = [
	fromNumberField,
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		description:
			'The binary property of the input item that holds the CSV or XLSX file, for example "data" from a Read/Write Files or Convert to File node. The file has two columns, recipient and message, optionally with a header row, and is uploaded unchanged.',
	},
	additionalFields([...safetyOptions, sendTimeOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['send'], operation: ['peerToPeerFile'] } }, properties);

export const planner: SendPlanner = {
	async plan(this: IExecuteFunctions, itemIndex: number): Promise<ItemSend> {
		const from = readFromNumber.call(this, itemIndex);
		const file = await readSheetFile.call(this, itemIndex, { formats: ['csv', 'xlsx'], columns: 'recipient (A) and message (B)' });
		const { fileName } = file;
		if (file.rows.length > MAX_FILE_ROWS) {
			throw fileError.call(this, `The file "${fileName}" has ${file.rows.length} rows, more than IPPanel's ${MAX_FILE_ROWS}`, itemIndex, 'Split it into several files.');
		}
		const recipients = new Set<string>();
		const texts = new Map<string, PricedText>();
		file.rows.forEach(([, message = ''], index) => {
			const row = file.rowNumbers[index];
			const normalized = rowNumber.call(this, file, index, itemIndex);
			checkMessage(this.getNode(), message, { parameter: `binaryPropertyName (${fileName} row ${row})`, itemIndex });
			recipients.add(normalized);
			const priced = texts.get(message) ?? { from, text: message, recipients: 0 };
			priced.recipients++;
			texts.set(message, priced);
		});
		return {
			itemIndex,
			sendingType: 'peer_to_peer_file',
			recipients: [...recipients],
			// Priced per row: a number listed twice with two texts gets two SMS.
			texts: [...texts.values()],
			requests: [
				{
					body: withSendTime({ sending_type: 'peer_to_peer_file', from_number: from }, readSendTime.call(this, itemIndex)),
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
