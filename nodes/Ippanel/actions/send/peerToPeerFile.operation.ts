import type { IExecuteFunctions, INodeExecutionData, INodeProperties, NodeOperationError } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { parameterError } from '../../helpers/errors';
import { parseCsv } from '../../helpers/csv';
import { normalizeNumber } from '../../helpers/recipients';
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
			'The binary property of the input item that holds the CSV file, for example "data" from a Read/Write Files or Convert to File node. The file has two columns, recipient and message, optionally with a header row, and is uploaded unchanged.',
	},
	additionalFields([...safetyOptions, sendTimeOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['send'], operation: ['peerToPeerFile'] } }, properties);

function fileError(this: IExecuteFunctions, problem: string, itemIndex: number, hint: string): NodeOperationError {
	return parameterError(this.getNode(), { parameter: 'binaryPropertyName', itemIndex }, problem, hint);
}

export const planner: SendPlanner = {
	async plan(this: IExecuteFunctions, itemIndex: number): Promise<ItemSend> {
		const from = readFromNumber.call(this, itemIndex);
		const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
		let binary;
		try {
			binary = this.helpers.assertBinaryData(itemIndex, property);
		} catch {
			throw fileError.call(this, `The input item has no binary field "${property}"`, itemIndex,
				'Set Input Binary Field to the name of the binary property that holds the CSV (shown on the item\'s Binary tab), for example data.');
		}
		const fileName = binary.fileName ?? 'recipients.csv';
		const data = await this.helpers.getBinaryDataBuffer(itemIndex, property);
		const mimeType = binary.mimeType || 'text/csv';
		const looksCsv = /\.csv$/i.test(fileName) || /csv/i.test(mimeType);
		if (!looksCsv || data.subarray(0, 2).toString('latin1') === 'PK' || data.includes(0)) {
			throw fileError.call(this, `The file "${fileName}" (${mimeType}) is not a CSV file`, itemIndex,
				'Give a CSV file (name ending in .csv) with the columns recipient,message. Convert spreadsheets with a Convert to File node (CSV).');
		}
		const rows = parseCsv(data.toString('utf8'));
		// A first row whose first cell is not a phone number is a header, as in IPPanel's sample file.
		const body = rows.length && normalizeNumber(rows[0][0] ?? '') === undefined ? rows.slice(1) : rows;
		const firstRow = rows.length - body.length + 1;
		if (!body.length) {
			throw fileError.call(this, `The file "${fileName}" has no rows to send`, itemIndex, 'Each row needs a recipient and a message: 09121234567,Hello.');
		}
		if (body.length > MAX_FILE_ROWS) {
			throw fileError.call(this, `The file "${fileName}" has ${body.length} rows, more than IPPanel's ${MAX_FILE_ROWS}`, itemIndex, 'Split it into several files.');
		}
		const recipients = new Set<string>();
		const texts = new Map<string, PricedText>();
		body.forEach(([number = '', message = ''], index) => {
			const row = firstRow + index;
			const normalized = normalizeNumber(number);
			if (normalized === undefined) {
				throw fileError.call(this, `Row ${row} of "${fileName}": "${number}" is not a phone number`, itemIndex,
					'Put the recipient in the first column, for example 09121234567 or +989121234567.');
			}
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
					file: { data, fileName, mimeType },
					items: [itemIndex],
				},
			],
		};
	},
};

export async function executeBatch(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runSends.call(this, items, planner);
}
