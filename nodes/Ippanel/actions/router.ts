import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { errorItem, withItemIndex } from '../helpers/errors';
import * as account from './account/Account.resource';
import * as audience from './audience/Audience.resource';
import * as contact from './contact/Contact.resource';
import * as customField from './customField/CustomField.resource';
import type { IppanelType, ItemOperation, Operation } from './node.type';
import * as pattern from './pattern/Pattern.resource';
import * as phonebook from './phonebook/Phonebook.resource';
import * as report from './report/Report.resource';
import * as send from './send/Send.resource';
import * as senderNumber from './senderNumber/SenderNumber.resource';

/** The operation the node is set to; the compiler checks every value of IppanelType has one. */
function operationOf(node: IppanelType): Operation | undefined {
	switch (node.resource) {
		case 'account':
			return account[node.account];
		case 'audience':
			return audience[node.audience];
		case 'contact':
			return contact[node.contact];
		case 'customField':
			return customField[node.customField];
		case 'pattern':
			return pattern[node.pattern];
		case 'phonebook':
			return phonebook[node.phonebook];
		case 'report':
			return report[node.report];
		case 'send':
			return send[node.send];
		case 'senderNumber':
			return senderNumber[node.senderNumber];
		default:
			return undefined;
	}
}

/** Runs a per-item operation over every input item: pairs its rows with the item, and handles continueOnFail. */
async function runPerItem(this: IExecuteFunctions, operation: ItemOperation): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const rows = await operation.execute.call(this, itemIndex);
			// A loop, not push(...rows): an export can return more rows than a call may take arguments.
			for (const json of rows) output.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			if (this.continueOnFail()) {
				output.push(errorItem(error as Error, itemIndex));
				continue;
			}
			throw withItemIndex(this.getNode(), error as Error, itemIndex);
		}
	}
	return output;
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as IppanelType['resource'];
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = operationOf({ resource, [resource]: operationName } as IppanelType);
	// Checked at run time too: a saved workflow may name an operation this version does not have.
	if (!operation || !('execute' in operation || 'executeBatch' in operation)) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" of resource "${resource}" is not known to this version of the IPPanel node`,
		);
	}
	if ('executeBatch' in operation) {
		return [await operation.executeBatch.call(this, this.getInputData())];
	}
	return [await runPerItem.call(this, operation)];
}
