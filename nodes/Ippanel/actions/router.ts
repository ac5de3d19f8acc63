import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { errorItem, withItemIndex } from '../helpers/errors';
import type { ItemOperation, OperationResult } from '../helpers/interfaces';
import { resources } from './resources';

function toItems(this: IExecuteFunctions, result: OperationResult, itemIndex: number): INodeExecutionData[] {
	const rows = Array.isArray(result) ? result : [result];
	return rows.map((row) => {
		const isItem = typeof (row as INodeExecutionData).json === 'object' && (row as INodeExecutionData).json !== null;
		const item = isItem ? (row as INodeExecutionData) : { json: row as IDataObject };
		return { ...item, pairedItem: { item: itemIndex } };
	});
}

async function runPerItem(this: IExecuteFunctions, operation: ItemOperation): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await operation.execute.call(this, itemIndex);
			// A loop, not push(...rows): an export can return more rows than a call may take arguments.
			for (const item of toItems.call(this, result, itemIndex)) output.push(item);
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
	const resourceName = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = resources[resourceName]?.operations[operationName];
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" of resource "${resourceName}" is not known to this version of the IPPanel node`,
		);
	}
	if ('executeBatch' in operation) {
		return [await operation.executeBatch.call(this, this.getInputData())];
	}
	return [await runPerItem.call(this, operation)];
}
