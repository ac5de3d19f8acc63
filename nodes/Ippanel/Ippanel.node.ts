import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as account from './actions/account/Account.resource';
import * as audience from './actions/audience/Audience.resource';
import * as contact from './actions/contact/Contact.resource';
import * as customField from './actions/customField/CustomField.resource';
import * as pattern from './actions/pattern/Pattern.resource';
import * as phonebook from './actions/phonebook/Phonebook.resource';
import * as report from './actions/report/Report.resource';
import { router } from './actions/router';
import * as send from './actions/send/Send.resource';
import * as senderNumber from './actions/senderNumber/SenderNumber.resource';
import { loadOptions } from './methods';

export class Ippanel implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'IPPanel',
		name: 'ippanel',
		icon: { light: 'file:ippanel.svg', dark: 'file:ippanel.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Send SMS (numbers, patterns, voice OTP, peer to peer, phonebooks) and read reports with IPPanel Edge',
		defaults: { name: 'IPPanel' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ippanelApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Account', value: 'account' },
					{ name: 'Audience', value: 'audience' },
					{ name: 'Contact', value: 'contact' },
					{ name: 'Custom Field', value: 'customField' },
					{ name: 'Pattern', value: 'pattern' },
					{ name: 'Phonebook', value: 'phonebook' },
					{ name: 'Report', value: 'report' },
					{ name: 'Send', value: 'send' },
					{ name: 'Sender Number', value: 'senderNumber' },
				],
				default: 'send',
			},
			...account.description,
			...audience.description,
			...contact.description,
			...customField.description,
			...pattern.description,
			...phonebook.description,
			...report.description,
			...send.description,
			...senderNumber.description,
		],
	};

	methods = { loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
