import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
	IPollFunctions,
} from 'n8n-workflow';

/** Every n8n context this package makes requests from. */
export type IppanelContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** IPPanel's answer envelope: `{ data, meta }`, paged answers add page fields to `meta`. */
export interface IppanelMeta extends IDataObject {
	status?: boolean;
	message?: string;
	message_code?: string;
	errors?: IDataObject;
	current_page?: number | string;
	last_page?: number | string;
	per_page?: number | string;
	total?: number | string;
}

export interface IppanelEnvelope {
	data: unknown;
	meta: IppanelMeta;
}

/** What an operation's `execute` may return for one input item: rows become one output item each. */
export type OperationResult = IDataObject | IDataObject[] | INodeExecutionData[];

interface OperationBase {
	/** The entry of the operation dropdown. */
	option: INodePropertyOptions;
	/** The operation's own parameters; the resource shows them only for this operation. */
	description: INodeProperties[];
}

/** Runs once per input item; the router pairs the output and handles continueOnFail. */
export interface ItemOperation extends OperationBase {
	execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult>;
}

/**
 * Sees all input items at once (one request can carry many items). Must return items
 * with `pairedItem` set; errors per item are returned as items when continueOnFail is on.
 */
export interface BatchOperation extends OperationBase {
	executeBatch(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]>;
}

export type Operation = ItemOperation | BatchOperation;

export interface Resource {
	option: INodePropertyOptions;
	operations: Record<string, Operation>;
}
