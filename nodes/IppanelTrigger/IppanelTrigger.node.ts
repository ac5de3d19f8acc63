import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { getPhonebooks } from '../Ippanel/methods/loadOptions';
import { events } from './events';
import { DEFAULT_LOOK_BACK_HOURS, readSettings } from './settings';

/** What the node keeps in the workflow's static data: the cursor of the event it last polled. */
interface StoredCursor extends IDataObject {
	event: string;
	state: IDataObject;
}

export class IppanelTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'IPPanel Trigger',
		name: 'ippanelTrigger',
		icon: { light: 'file:../Ippanel/ippanel.svg', dark: 'file:../Ippanel/ippanel.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["event"] }}',
		description: 'Starts the workflow when IPPanel receives an SMS, finishes a send, gets a delivery report, or adds a contact to a phonebook',
		defaults: { name: 'IPPanel Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ippanelApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				required: true,
				default: 'inboundMessage',
				options: [
					{
						name: 'Inbound Message',
						value: 'inboundMessage',
						description: 'An SMS arrived on one of the account lines (one item per message)',
					},
					{
						name: 'Outbox Message Finished',
						value: 'outboxMessageFinished',
						description:
							'A send reached a final state: sent, rejected, invalid recipients, cancelled, no credit or system error (one item per outbox message, with its delivery stats)',
					},
					{
						name: 'Delivery Status Changed',
						value: 'deliveryStatusChanged',
						description:
							'A recipient of a sent message became delivered, not delivered or blacklisted (one item per recipient and status)',
					},
					{
						name: 'Contact Added',
						value: 'contactAdded',
						description: 'A contact was added to a phonebook (one item per contact, with its ID); optionally only one phonebook',
					},
				],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Include Existing',
						name: 'includeExisting',
						type: 'boolean',
						default: false,
						description:
							'Whether the first poll after activation also emits the events already there within the look-back window; otherwise it only records where to start',
					},
					{
						displayName: 'Look-Back Window (Hours)',
						name: 'lookBackHours',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: DEFAULT_LOOK_BACK_HOURS,
						description:
							'How far back "Include Existing" reaches, and for the outbox events how long after its creation an outbox message is watched for its final state and delivery reports',
					},
					{
						displayName: 'Phonebook Name or ID',
						name: 'phonebookId',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getPhonebooks' },
						default: '',
						description:
							'Only contacts added to this phonebook. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
						displayOptions: { show: { '/event': ['contactAdded'] } },
					},
					{
						displayName: 'Receiving Number',
						name: 'receivingNumber',
						type: 'string',
						default: '',
						placeholder: '+983000505',
						description: 'Only messages that arrived on this line of the account',
						displayOptions: { show: { '/event': ['inboundMessage'] } },
					},
					{
						displayName: 'Text Contains',
						name: 'textContains',
						type: 'string',
						default: '',
						placeholder: 'STOP',
						description: 'Only messages whose text contains this (not case-sensitive)',
						displayOptions: { show: { '/event': ['inboundMessage'] } },
					},
				],
			},
		],
	};

	methods = { loadOptions: { getPhonebooks } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const eventName = this.getNodeParameter('event') as string;
		const event = events[eventName];
		if (!event) {
			throw new NodeOperationError(this.getNode(), `Unknown event "${eventName}" (parameter "Event")`, {
				description: `Choose one of: ${Object.keys(events).join(', ')}.`,
			});
		}
		const settings = readSettings.call(this);

		// "Fetch Test Event": the newest real event, and the cursor stays where it is.
		if (this.getMode() === 'manual') {
			const sample = await event.latest.call(this, settings);
			if (!sample) throw new NodeOperationError(this.getNode(), event.nothingYet.message, { description: event.nothingYet.description });
			return [this.helpers.returnJsonArray([sample])];
		}

		const staticData = this.getWorkflowStaticData('node');
		const stored = staticData.cursor as StoredCursor | undefined;
		// A cursor of another event (the user switched it) counts as none: this is a first poll.
		const previous = stored?.event === eventName ? (JSON.parse(JSON.stringify(stored.state)) as IDataObject) : undefined;
		const { events: found, state } = await event.poll.call(this, previous, settings);
		// Stored only now: a failed request above threw, and the next poll starts from the old cursor.
		staticData.cursor = { event: eventName, state } satisfies StoredCursor;
		return found.length ? [this.helpers.returnJsonArray(found)] : null;
	}
}
