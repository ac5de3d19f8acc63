'use strict';
/**
 * Child process of scripts/versions.js: runs this package's COMPILED nodes in the workflow
 * engine of one n8n version (its n8n-core + n8n-workflow + @n8n/di, installed in a folder of
 * their own), the way the project's test/harness does for the current version.
 *
 *   node test/versions/engine-run.js <engineDir> <packageDir> <baseUrl>
 *   node test/versions/engine-run.js <engineDir> <packageDir> - --load-only   (n8n-workflow alone:
 *     construct the node and credential classes; prints { loaded } or { loadError })
 *
 * <packageDir> is the unpacked tarball inside <engineDir>/node_modules, so that its
 * `require('n8n-workflow')` resolves to that version and no other. Prints one JSON line:
 * { versions, loaded, runs: { send, export, trigger } }: the send's output items, the export's
 * row count, the trigger's three polls (or each run's error).
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { createRequire } = require('module');

const [engineDir, packageDir, baseUrl] = process.argv.slice(2);
process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'ippanel-engine-'));
process.env.N8N_LOG_LEVEL = 'silent';

const loadOnly = process.argv.includes('--load-only');
const engineRequire = createRequire(path.join(engineDir, 'package.json'));
const workflowLib = engineRequire('n8n-workflow');
const { Workflow, NodeHelpers, ICredentialsHelper } = workflowLib;

const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
// As n8n's loader does: the export named like the file (`Ippanel.node.js` → `Ippanel`).
const load = (file) => require(path.join(packageDir, file))[path.basename(file).split('.')[0]];
let nodes;
let credentialTypes;
try {
	nodes = Object.fromEntries(pkg.n8n.nodes.map(load).map((C) => new C()).map((n) => [`${pkg.name}.${n.description.name}`, n]));
	credentialTypes = Object.fromEntries(pkg.n8n.credentials.map(load).map((C) => new C()).map((c) => [c.name, c]));
} catch (err) {
	process.stdout.write(`${JSON.stringify({ loadError: err.message })}\n`);
	process.exit(loadOnly ? 0 : 1);
}
if (loadOnly) {
	process.stdout.write(`${JSON.stringify({ loaded: { nodes: Object.keys(nodes), credentials: Object.keys(credentialTypes) } })}\n`);
	process.exit(0);
}
const { Container } = engineRequire('@n8n/di');
const core = engineRequire('n8n-core');

/** Emits the items given as a JSON parameter: the workflow's start, as in test/harness. */
class StartItems {
	description = {
		displayName: 'Start Items',
		name: 'startItems',
		group: ['input'],
		version: 1,
		description: 'Emits items',
		defaults: { name: 'Start' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	};

	async execute() {
		return [JSON.parse(this.getNodeParameter('items', 0)).map((json) => ({ json, pairedItem: { item: 0 } }))];
	}
}
const registry = { 'test.start': new StartItems(), ...nodes };
const nodeTypes = {
	getByName: (type) => registry[type],
	getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(registry[type], version),
	getKnownTypes: () => ({}),
};

/** Decrypted data from memory; authenticate + preAuthentication as n8n's CredentialsHelper does. */
class CredentialsHelper extends ICredentialsHelper {
	constructor(data) {
		super();
		this.data = data;
	}
	getParentTypes() {
		return [];
	}
	getCredentialsProperties(type) {
		return credentialTypes[type].properties;
	}
	async authenticate(credentials, typeName, requestOptions, workflow, node) {
		const { authenticate } = credentialTypes[typeName];
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		// The generic (declarative) form: every key and value an expression over $credentials.
		const resolve = (value) => {
			if (typeof value !== 'string' || !value.startsWith('=')) return value;
			const resolved = workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '');
			return resolved ? String(resolved) : '';
		};
		requestOptions.headers = requestOptions.headers || {};
		for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
			requestOptions[outerKey] = requestOptions[outerKey] || {};
			for (const [key, value] of Object.entries(outerValue)) requestOptions[outerKey][resolve(key)] = resolve(value);
		}
		return requestOptions;
	}
	async preAuthentication(helpers, credentials, typeName, _node, expired) {
		const type = credentialTypes[typeName];
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions && p.typeOptions.expirable);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] && !expired) return undefined;
		const output = await type.preAuthentication.call(helpers, credentials);
		return Object.assign(credentials, output);
	}
	async runPreAuthentication() {
		return undefined;
	}
	getOAuth2Options() {
		return undefined;
	}
	async getDecrypted(_additionalData, _nodeCredentials, type) {
		return { ...this.data[type] };
	}
	async getCredentials(nodeCredentials, type) {
		return new core.Credentials({ id: nodeCredentials.id, name: nodeCredentials.name }, type, '');
	}
	async updateCredentials() {}
	async updateCredentialsOauthTokenData() {}
	isCredentialUsableByNode() {
		return true;
	}
}

function additionalDataFor(hooks) {
	return {
		credentialsHelper: new CredentialsHelper({ ippanelApi: { baseUrl, authentication: 'apiKey', apiKey: 'emulator-api-key', sessionToken: '' } }),
		hooks,
		executeWorkflow: async () => {
			throw new Error('not supported here');
		},
		getRunExecutionData: async () => undefined,
		executionId: 'versions-execution',
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		userId: 'versions-user',
		setExecutionStatus: () => {},
		variables: {},
	};
}

async function runWorkflow(parameters, items) {
	const wfNodes = [
		{ id: 'start', name: 'Start', type: 'test.start', typeVersion: 1, position: [0, 0], parameters: { items: JSON.stringify(items) } },
		{
			id: 'ippanel',
			name: 'IPPanel',
			type: `${pkg.name}.ippanel`,
			typeVersion: 1,
			position: [200, 0],
			parameters,
			credentials: { ippanelApi: { id: '1', name: 'IPPanel' } },
		},
	];
	const workflow = new Workflow({
		id: 'versions',
		name: 'versions',
		nodes: wfNodes,
		connections: { Start: { main: [[{ node: 'IPPanel', type: 'main', index: 0 }]] } },
		active: false,
		nodeTypes,
		settings: { timezone: 'UTC' },
	});
	const hooks = new core.ExecutionLifecycleHooks('manual', 'versions-execution', {
		id: 'versions',
		name: 'versions',
		nodes: wfNodes,
		connections: {},
		active: false,
		createdAt: new Date(),
		updatedAt: new Date(),
	});
	const additionalData = additionalDataFor(hooks);
	const runData = {
		version: 1,
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			nodeExecutionStack: [{ node: wfNodes[0], data: { main: [[{ json: {} }]] }, source: null }],
			waitingExecution: {},
			waitingExecutionSource: {},
		},
	};
	const run = await new core.WorkflowExecute(additionalData, 'manual', runData).processRunExecutionData(workflow);
	const task = run.data.resultData.runData.IPPanel && run.data.resultData.runData.IPPanel[0];
	const error = (task && task.error) || run.data.resultData.error;
	if (error) return { error: { message: error.message, description: error.description } };
	return { items: ((task.data && task.data.main && task.data.main[0]) || []).map((i) => i.json) };
}

/**
 * The trigger as an active workflow polls it: first poll (records the cursor, emits nothing),
 * two inbound messages added through the emulator's control endpoint, second poll (emits
 * them), third poll (nothing new). The cursor lives in the Workflow's static data.
 */
async function pollTrigger() {
	const node = {
		id: 'trigger',
		name: 'IPPanel Trigger',
		type: `${pkg.name}.ippanelTrigger`,
		typeVersion: 1,
		position: [0, 0],
		parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, event: 'inboundMessage', options: {} },
		credentials: { ippanelApi: { id: '1', name: 'IPPanel' } },
	};
	const workflow = new Workflow({ id: 'versions-trigger', name: 'trigger', nodes: [node], connections: {}, active: true, nodeTypes, settings: { timezone: 'UTC' } });
	const nodeType = registry[node.type];
	const poll = async () => {
		const context = new core.PollContext(workflow, node, additionalDataFor(undefined), 'trigger', 'activate');
		const out = await nodeType.poll.call(context);
		return out === null ? null : out[0].map((i) => i.json.messages_inbox_id);
	};
	try {
		const first = await poll();
		const added = await fetch(`${baseUrl.replace(/\/v1$/, '')}/__emulator/inbound`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ count: 2 }),
		}).then((r) => r.json());
		const second = await poll();
		const third = await poll();
		return { polls: [first, second, third], added };
	} catch (error) {
		return { error: { message: error.message, description: error.description } };
	}
}

async function main() {
	if (core.BinaryDataService) await Container.get(core.BinaryDataService).init({ mode: 'default', availableModes: ['default'] }).catch(() => {});
	const versions = {
		'n8n-workflow': engineRequire('n8n-workflow/package.json').version,
		'n8n-core': engineRequire('n8n-core/package.json').version,
	};
	const loaded = {
		nodes: Object.keys(nodes),
		credentials: Object.keys(credentialTypes),
		// the package's n8n-workflow must be this version's copy (no second copy in the tarball)
		sameWorkflowLib: require.resolve('n8n-workflow', { paths: [packageDir] }) === engineRequire.resolve('n8n-workflow'),
	};
	const send = await runWorkflow(
		{ resource: 'send', operation: 'webservice', fromNumber: '+983000505', recipients: '={{ $json.to }}', message: 'Engine check', additionalFields: {} },
		[{ to: '09121234567' }],
	);
	const exported = await runWorkflow(
		{ resource: 'report', operation: 'recipients', bulkId: '={{ $json.bulkId }}', returnAll: true },
		[{ bulkId: Number(process.env.ENGINE_BULK_ID) }],
	);
	const rows = exported.items || [];
	const exportSummary = exported.error ? exported : { rows: rows.length, distinct: new Set(rows.map((r) => r.recipient)).size };
	return { versions, loaded, runs: { send, export: exportSummary, trigger: await pollTrigger() } };
}

main().then(
	(result) => {
		process.stdout.write(`${JSON.stringify(result)}\n`);
		process.exit(0);
	},
	(err) => {
		process.stdout.write(`${JSON.stringify({ fatal: err.stack || err.message })}\n`);
		process.exit(1);
	},
);
