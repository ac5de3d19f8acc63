import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/** Every `resource` value of the node and its `operation` values (a public contract: never rename). */
type IppanelMap = {
	account: 'getCredit' | 'getProfile';
	audience: 'countJob' | 'countRegion';
	contact: 'create' | 'delete' | 'get' | 'getAll' | 'import' | 'update' | 'upsert';
	customField: 'create' | 'delete' | 'getAll' | 'update';
	pattern: 'create' | 'delete' | 'get' | 'getAll' | 'update';
	phonebook: 'create' | 'delete' | 'getAll' | 'update';
	report: 'getById' | 'inbox' | 'list' | 'recipients' | 'stats';
	send:
		| 'cancel'
		| 'estimatePrice'
		| 'file'
		| 'job'
		| 'keyword'
		| 'keywordPhonebook'
		| 'pattern'
		| 'peerToPeer'
		| 'peerToPeerFile'
		| 'phonebook'
		| 'postalCode'
		| 'region'
		| 'votp'
		| 'webservice';
	senderNumber: 'getAll';
};

/** A resource with one of its operations: `{ resource: 'send', send: 'webservice' }`. */
export type IppanelType = { [R in keyof IppanelMap]: { resource: R } & { [K in R]: IppanelMap[R] } }[keyof IppanelMap];

/**
 * Runs once per input item and returns that item's rows: each becomes one output item, paired
 * with the input item. The router handles "On Error: Continue".
 */
export interface ItemOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]>;
}

/**
 * Sees all input items at once (one request can carry many items). Returns output items with
 * `pairedItem` set; errors per item are returned as items when continueOnFail is on.
 */
export interface BatchOperation {
	description: INodeProperties[];
	executeBatch(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]>;
}

export type Operation = ItemOperation | BatchOperation;
