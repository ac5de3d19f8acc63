import type { IDataObject, INode, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { IppanelEnvelope } from './interfaces';

/** Where a value came from, for the error that names it. */
export interface ParameterAt {
	parameter: string;
	itemIndex: number;
}

/**
 * The error for a parameter value that cannot be used: `<problem> (parameter "<name>", item <n>)`,
 * with `hint` saying what to do. Thrown before any request, so the hint ends in "Nothing was sent."
 * unless `nothingSent` is false (a read, where that would mislead).
 */
export function parameterError(
	node: INode,
	{ parameter, itemIndex }: ParameterAt,
	problem: string,
	hint: string,
	{ nothingSent = true } = {},
): NodeOperationError {
	return new NodeOperationError(node, `${problem} (parameter "${parameter}", item ${itemIndex})`, {
		itemIndex,
		description: nothingSent ? `${hint} Nothing was sent.` : hint,
	});
}

/** What the transport knows about a failed call, with nothing of the request's headers. */
export interface FailedCall {
	/** HTTP status, undefined when no answer arrived (timeout, dropped connection). */
	status?: number;
	/** The parsed IPPanel envelope, when the answer was one. */
	envelope?: IppanelEnvelope;
	/** Top-level `errors` some answers (login) carry beside `meta`. */
	topLevelErrors?: IDataObject;
	/** A short English reason when the answer was not an IPPanel envelope. */
	reason?: string;
	/** True for `POST /api/send`: a paid send, whose outcome matters. */
	isSend: boolean;
	/** No request left this machine (connection refused, host unknown): certainly not sent. */
	neverSent?: boolean;
	endpoint: string;
	itemIndex?: number;
}

const HINTS: Record<number, string> = {
	401: 'The API key or session token was refused. Check the IPPanel credential: the API key must be copied exactly, without "Bearer".',
	403: 'This account may not use this endpoint (some need a session token from username + password login rather than an API key).',
	404: 'IPPanel does not know this id or path. Check the id, and that the credential Base URL ends in /v1.',
	422: 'IPPanel refused a field: see the field errors above and fix the named parameter.',
	429: 'The same send (same sender, recipients and text) within 40 seconds is refused by IPPanel as a duplicate. Wait, or change the text.',
};

function fieldErrors(errors: IDataObject | undefined): string[] {
	if (!errors || typeof errors !== 'object') return [];
	return Object.entries(errors).map(([field, messages]) => {
		const text = Array.isArray(messages) ? messages.join('; ') : String(messages);
		return `${field}: ${text}`;
	});
}

/** Builds the error users see for a call that did not succeed. Secrets are never part of its input. */
export function ippanelError(node: INode, call: FailedCall): NodeApiError {
	const meta = call.envelope?.meta;
	const code = meta?.message_code ? ` ${meta.message_code}` : '';
	const statusText = call.status ? `HTTP ${call.status}${code}` : 'no answer';
	const ippanelSaid = meta?.message ? `: ${meta.message}` : call.reason ? `: ${call.reason}` : '';

	const lines = fieldErrors({ ...(call.topLevelErrors ?? {}), ...((meta?.errors as IDataObject) ?? {}) });
	const answeredByIppanel = call.envelope !== undefined;
	let message: string;
	let hint = (call.status && HINTS[call.status]) || '';
	if (call.isSend && (answeredByIppanel || call.neverSent)) {
		message = answeredByIppanel ? `Not sent: IPPanel refused the send (${statusText})${ippanelSaid}` : `Not sent: ${call.reason}`;
		hint = `${hint} Nothing was sent and nothing was charged for this request.`.trim();
	} else if (call.isSend) {
		message = `The send may have happened: ${call.reason ?? 'IPPanel gave no clear answer'} (${statusText})`;
		hint =
			'The request reached the network but no IPPanel answer came back, so it is unknown whether the SMS went out. ' +
			'It was NOT retried, to avoid sending twice. Check Report → List (or the IPPanel panel outbox) before sending again.';
	} else {
		message = `IPPanel request failed (${statusText})${ippanelSaid}`;
		if (!answeredByIppanel && !hint) {
			hint = 'The answer was not from the IPPanel API. Check the credential Base URL and your network.';
		}
	}
	const description = [...lines.map((line) => `Field error — ${line}`), hint, `Endpoint: ${call.endpoint}`]
		.filter(Boolean)
		.join('\n');
	const errorResponse: JsonObject = {
		status: call.status ?? null,
		message_code: meta?.message_code ?? null,
		message: meta?.message ?? call.reason ?? null,
		errors: (meta?.errors as JsonObject) ?? (call.topLevelErrors as JsonObject) ?? null,
	};
	return new NodeApiError(node, errorResponse, {
		message,
		description,
		httpCode: call.status ? String(call.status) : undefined,
		itemIndex: call.itemIndex,
	});
}

/** The error as n8n shows it, naming the item it happened on. */
export function withItemIndex(node: INode, error: Error, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(node, error, { itemIndex });
}

/**
 * The item an error becomes under "On Error: Continue". The error also goes on `item.error`:
 * that is what routes the item to the error output under "Continue (using error output)".
 */
export function errorItem(error: Error, itemIndex: number): INodeExecutionData {
	const description = (error as { description?: string }).description;
	const item: INodeExecutionData = {
		json: { error: error.message, ...(description ? { description } : {}) },
		pairedItem: { item: itemIndex },
	};
	if (error instanceof NodeApiError || error instanceof NodeOperationError) item.error = error;
	return item;
}
