import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toLatinDigits } from '../../helpers/recipients';
import { additionalFields, readRecipients, recipientsField, RECIPIENTS_FORMATS } from './fields';
import type { ItemSend, SendPlanner } from './plan';
import { runSends } from './runSends';

export const option = {
	name: 'Send Voice OTP',
	value: 'votp',
	action: 'Send a voice one time password',
	description: 'Call the recipient and read a one-time code aloud (IPPanel "votp" send). One request per recipient.',
};

export const description: INodeProperties[] = [
	recipientsField(`The phone number(s) to call; usually one. ${RECIPIENTS_FORMATS}`),
	{
		displayName: 'Code',
		name: 'code',
		type: 'string',
		required: true,
		default: '',
		placeholder: '45852',
		description: 'The one-time code to read aloud, digits only (Persian digits are converted), usually an expression reading the code your workflow generated',
	},
	additionalFields({ sendTime: false }),
];

export const planner: SendPlanner = {
	async plan(this: IExecuteFunctions, itemIndex: number): Promise<ItemSend> {
		const recipients = readRecipients.call(this, itemIndex);
		const code = toLatinDigits(String(this.getNodeParameter('code', itemIndex, '') ?? '')).trim();
		if (!/^\d+$/.test(code)) {
			throw new NodeOperationError(
				this.getNode(),
				code ? `The code "${code}" is not digits only (parameter "code", item ${itemIndex})` : `No code given (parameter "code", item ${itemIndex})`,
				{ itemIndex, description: 'A voice OTP reads digits aloud: give a code such as 45852. Nothing was sent.' },
			);
		}
		return {
			itemIndex,
			sendingType: 'votp',
			recipients,
			texts: [],
			unpriced: 'IPPanel calculate-price estimates SMS texts, not voice calls',
			// IPPanel takes one recipient per voice OTP request.
			requests: recipients.map((recipient) => ({
				body: { sending_type: 'votp', message: code, params: { recipients: [recipient] } },
				items: [itemIndex],
			})),
		};
	},
};

export async function executeBatch(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runSends.call(this, items, planner);
}
