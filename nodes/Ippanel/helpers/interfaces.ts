import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';

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
