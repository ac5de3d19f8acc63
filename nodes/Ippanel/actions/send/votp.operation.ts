import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { parameterError } from '../../helpers/errors';
import { toLatinDigits } from '../../helpers/parameters';
import { additionalFields, readRecipients, recipientsField, RECIPIENTS_FORMATS, safetyOptions } from './fields';
import type { ItemSend, SendPlanner } from './plan';
import { runSends } from './runSends';

const properties: INodeProperties[] = [
	recipientsField(`The phone number(s) to call; usually one. ${RECIPIENTS_FORMATS}`),
	{
		displayName: 'Code',
		name: 'code',
		type: 'string',
		required: true,
		default: '',
		placeholder: '45852',
		description: 'The one-time code to read aloud, digits only and fewer than 15 of them (Persian digits are converted), usually an expression reading the code your workflow generated',
	},
	additionalFields(safetyOptions),
];

export const description = updateDisplayOptions({ show: { resource: ['send'], operation: ['votp'] } }, properties);

export const planner: SendPlanner = {
	async plan(this: IExecuteFunctions, itemIndex: number): Promise<ItemSend> {
		const recipients = readRecipients.call(this, itemIndex);
		const code = toLatinDigits(String(this.getNodeParameter('code', itemIndex, '') ?? '')).trim();
		if (!/^\d+$/.test(code)) {
			throw parameterError(
				this.getNode(),
				{ parameter: 'code', itemIndex },
				code ? `The code "${code}" is not digits only` : 'No code given',
				'A voice OTP reads digits aloud: give a code such as 45852.',
			);
		}
		// IPPanel's Persian page: the code must have fewer than 15 digits.
		if (code.length >= 15) {
			throw parameterError(
				this.getNode(),
				{ parameter: 'code', itemIndex },
				`The code has ${code.length} digits; IPPanel reads at most 14`,
				'Give a shorter code, for example 4 to 8 digits.',
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
