/**
 * Runs real workflows (Input → IPPanel) through n8n-core's WorkflowExecute, with the real
 * credential logic and HTTP stack. Tests point the credential's baseUrl at nock or the emulator.
 */
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(path.join(tmpdir(), 'ippanel-n8n-'));
process.env.N8N_LOG_LEVEL ??= 'silent';

import { Container } from '@n8n/di';
import { BinaryDataService, ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IRun,
	IRunExecutionData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { CredentialStore, TestCredentialsHelper } from './credentials';
import { nodeTypes } from './nodes';

export { CredentialStore } from './credentials';

export const API_KEY = 'test-api-key-5f1c9e';

export function apiKeyCredentials(baseUrl: string, apiKey = API_KEY): CredentialStore {
	return new CredentialStore({ baseUrl, authentication: 'apiKey', apiKey, sessionToken: '' });
}

export function loginCredentials(
	baseUrl: string,
	{ username = 'demo', password = 'demo-password', totpSecret = '' } = {},
): CredentialStore {
	return new CredentialStore({ baseUrl, authentication: 'login', username, password, totpSecret, sessionToken: '' });
}

export interface InputFile {
	content: Buffer | string;
	fileName: string;
	mimeType: string;
}

export interface RunOptions {
	/** The IPPanel node's parameters (resource, operation, ...). */
	parameters: INodeParameters;
	credentials: CredentialStore;
	/** The input items' JSON; default one empty item. */
	items?: IDataObject[];
	/** Binary properties per input item. */
	binary?: Array<Record<string, InputFile>>;
	/** The workflow's time zone setting. */
	timezone?: string;
	/** The node's "On Error" setting. */
	onError?: INode['onError'];
	mode?: WorkflowExecuteMode;
	nodeType?: string;
	/** The node's "Retry On Fail" settings. */
	settings?: Pick<INode, 'retryOnFail' | 'maxTries' | 'waitBetweenTries'>;
	/** The execution's id; default a new one per run, as n8n gives every execution its own. */
	executionId?: string;
}

export interface RunResult {
	/** The IPPanel node's output items (first output). */
	items: INodeExecutionData[];
	/** All outputs, for the error output of "continueErrorOutput". */
	outputs: INodeExecutionData[][];
	/** The error that stopped the node, if any. */
	error?: Error & { description?: string; context?: IDataObject; httpCode?: string };
	run: IRun;
}

let binaryReady: Promise<void> | undefined;
function initBinaryData() {
	binaryReady ??= Container.get(BinaryDataService).init();
	return binaryReady;
}

/** What n8n hands a node besides its parameters: the credentials helper above all. Pollers need no hooks. */
export function additionalDataFor(
	hooks: ExecutionLifecycleHooks | undefined,
	credentials: CredentialStore,
	executionId = 'test-execution',
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper({ ippanelApi: credentials }),
		hooks,
		executeWorkflow: async () => {
			throw new Error('not supported in tests');
		},
		getRunExecutionData: async () => undefined,
		executionId,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		userId: 'test-user',
		setExecutionStatus: () => {},
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
}

let executions = 0;

/** Runs Input → IPPanel once and returns what the IPPanel node produced. */
export async function runNode(options: RunOptions): Promise<RunResult> {
	await initBinaryData();
	const executionId = options.executionId ?? `test-execution-${++executions}`;
	const items = options.items ?? [{}];
	const binary = (options.binary ?? []).map((files) =>
		Object.fromEntries(
			Object.entries(files).map(([property, file]) => [
				property,
				{ base64: Buffer.from(file.content).toString('base64'), fileName: file.fileName, mimeType: file.mimeType },
			]),
		),
	);
	const nodes: INode[] = [
		{
			id: 'input',
			name: 'Input',
			type: 'test.input',
			typeVersion: 1,
			position: [0, 0],
			parameters: { items: JSON.stringify(items), binary: JSON.stringify(binary) },
		},
		{
			id: 'ippanel',
			name: 'IPPanel',
			type: options.nodeType ?? 'n8n-nodes-ippanel-edge.ippanel',
			typeVersion: 1,
			position: [200, 0],
			parameters: options.parameters,
			credentials: { ippanelApi: { id: '1', name: 'IPPanel account' } },
			...(options.onError ? { onError: options.onError } : {}),
			...options.settings,
		},
	];
	const workflow = new Workflow({
		id: 'test-workflow',
		name: 'test',
		nodes,
		connections: { Input: { main: [[{ node: 'IPPanel', type: 'main', index: 0 }]] } },
		active: false,
		nodeTypes,
		settings: { timezone: options.timezone ?? 'UTC' },
	});

	const hooks = new ExecutionLifecycleHooks('manual', executionId, {
		id: 'test-workflow',
		name: 'test',
		nodes,
		connections: {},
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
	});
	let finished: (run: IRun) => void = () => {};
	const done = new Promise<IRun>((resolve) => (finished = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => finished(run));

	const runExecutionData: IRunExecutionData = {
		version: 1,
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			nodeExecutionStack: [{ node: nodes[0], data: { main: [[{ json: {} }]] }, source: null }],
			waitingExecution: {},
			waitingExecutionSource: {},
		},
	} as IRunExecutionData;

	const execute = new WorkflowExecute(additionalDataFor(hooks, options.credentials, executionId), options.mode ?? 'manual', runExecutionData);
	await execute.processRunExecutionData(workflow);
	const run = await done;

	const taskData = run.data.resultData.runData.IPPanel?.[0];
	const outputs = (taskData?.data?.main ?? []).map((output) => output ?? []);
	return {
		items: outputs[0] ?? [],
		outputs,
		error: (taskData?.error ?? run.data.resultData.error) as RunResult['error'],
		run,
	};
}

/** Everything a run produced, as text: output items, errors with descriptions and context. For secret scans. */
export function everythingProduced(result: RunResult): string {
	const error = result.error;
	return JSON.stringify({
		outputs: result.outputs,
		error: error && { message: error.message, description: error.description, context: error.context, stack: error.stack },
		runData: result.run.data.resultData,
	});
}

export type { ICredentialDataDecryptedObject };
