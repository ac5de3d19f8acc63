import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

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
import type { ItemSend, SendPlanner } from './plan';
import { runSends } from './runSends';
import { binaryFileField, fileError, MAX_FILE_RECIPIENTS, readSheetFile, rowNumber, sendFileOf } from './sheetFile';

const properties: INodeProperties[] = [
	fromNumberField,
	messageField(),
	binaryFileField(
		'The binary property of the input item that holds the file of numbers, CSV or XLSX, for example "data" from a Read/Write Files or Convert to File node. The numbers are in the first column (A), optionally under a header row. Up to 1,000,000 numbers; every row is checked before the file is uploaded unchanged.',
	),
	otherRecipientsField,
	additionalFields([...safetyOptions, sendTimeOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['send'], operation: ['file'] } }, properties);

export const planner: SendPlanner = {
	async plan(this: IExecuteFunctions, itemIndex: number): Promise<ItemSend> {
		const from = readFromNumber.call(this, itemIndex);
		const { text } = readMessage.call(this, itemIndex);
		const otherRecipients = readOtherRecipients.call(this, itemIndex);
		const file = await readSheetFile.call(this, itemIndex, { formats: ['csv', 'xlsx'], columns: 'the phone numbers in column A' });
		if (file.rows.length > MAX_FILE_RECIPIENTS) {
			throw fileError.call(this, `The file "${file.fileName}" has ${file.rows.length.toLocaleString('en-US')} rows, more than IPPanel's ${MAX_FILE_RECIPIENTS.toLocaleString('en-US')}`, itemIndex, 'Split it into several files.');
		}
		const recipients = new Set<string>();
		for (let index = 0; index < file.rows.length; index++) recipients.add(rowNumber.call(this, file, index, itemIndex));
		for (const number of otherRecipients) recipients.add(number);
		const body: IDataObject = { sending_type: 'file', from_number: from, message: text };
		if (otherRecipients.length) body.other_recipients = otherRecipients;
		return {
			itemIndex,
			sendingType: 'file',
			recipients: [...recipients],
			texts: [{ from, text, recipients: recipients.size }],
			requests: [{ body: withSendTime(body, readSendTime.call(this, itemIndex)), file: sendFileOf(file), items: [itemIndex] }],
		};
	},
};

export async function executeBatch(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runSends.call(this, items, planner);
}
