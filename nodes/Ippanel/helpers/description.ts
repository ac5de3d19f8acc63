import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Resource } from './interfaces';

/** The resource's operation dropdown plus every operation's parameters, each shown only for its operation. */
export function resourceProperties(name: string, resource: Resource): INodeProperties[] {
	const operations = Object.values(resource.operations);
	const firstOperation = operations[0].option.value;
	const operationProperty: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [name] } },
		options: operations.map((operation) => operation.option),
		default: firstOperation,
	};
	const parameters = Object.entries(resource.operations).flatMap(([operation, { description }]) =>
		updateDisplayOptions({ show: { resource: [name], operation: [operation] } }, description),
	);
	return [operationProperty, ...parameters];
}
