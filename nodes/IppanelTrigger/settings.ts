import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** The trigger's options, read and checked once per poll before any request. */
export interface TriggerSettings {
	/** How far back (seconds) outbox messages are watched and "Include Existing" reaches. */
	lookBackSeconds: number;
	/** Whether the first poll emits the events already in the look-back window. */
	includeExisting: boolean;
	receivingNumber?: string;
	textContains?: string;
	/** contactAdded: only contacts of this phonebook (digits). */
	phonebookId?: string;
}

export const DEFAULT_LOOK_BACK_HOURS = 24;

export function readSettings(this: IPollFunctions): TriggerSettings {
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const hours = options.lookBackHours ?? DEFAULT_LOOK_BACK_HOURS;
	if (typeof hours !== 'number' || !Number.isFinite(hours) || hours <= 0) {
		throw new NodeOperationError(this.getNode(), `Option "Look-Back Window (Hours)" must be a number above 0, not ${String(hours)}`, {
			description: 'Set how many hours back outbox messages are watched, for example 24.',
		});
	}
	const text = (name: string) => {
		const value = options[name];
		return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
	};
	const phonebookId = text('phonebookId');
	if (phonebookId !== undefined && !/^\d+$/.test(phonebookId)) {
		throw new NodeOperationError(this.getNode(), `Option "Phonebook" must be a phonebook ID (a number), not "${phonebookId}"`, {
			description: 'Choose the phonebook from the list, or give its ID such as 123654.',
		});
	}
	return {
		phonebookId,
		lookBackSeconds: Math.round(hours * 3600),
		includeExisting: options.includeExisting === true,
		receivingNumber: text('receivingNumber'),
		textContains: text('textContains'),
	};
}

/** The n8n host's clock in Unix seconds, the unit IPPanel's report times use. */
export function nowSeconds(): number {
	return Math.floor(Date.now() / 1000);
}
