'use strict';
/**
 * The IPPanel node as an AI Agent tool in a real n8n: an AI Agent node with n8n's OpenAI Chat
 * Model, whose credential's Base URL points at a scripted OpenAI-compatible server on loopback
 * (test/e2e/fakeOpenAi.js), and IPPanel tools (`n8n-nodes-ippanel-edge.ippanelTool`) whose fields
 * the model fills with `$fromAI(...)`; the emulator is IPPanel.
 *
 *   agent: sends one SMS, reads the credit, looks up the delivery report — the emulator's
 *          request log matches exactly, the model got each tool's result.
 *   caps:  the model asks for 5,000 recipients under Max Recipients 100, a send under Dry Run,
 *          and a send over Max Cost — the model reads each refusal / the dry run, nothing is sent.
 *
 * What n8n sent the model as the tool schema is written to agent-tools.json in the run's
 * temporary folder (and printed with --keep), so the documentation can quote it.
 */
const fs = require('fs');
const path = require('path');
const { executeWorkflow, importCredentials, importWorkflows } = require('../../dev/n8n/cli');
const { log } = require('../../dev/n8n/log');
const { assert, apiCalls } = require('./harness');
const { startFakeOpenAi, toolResults } = require('./fakeOpenAi');

const SENDER = '+983000505';
const MINUTE = 60 * 1000;
const OPENAI_CREDENTIAL = { id: 'openAiE2eCred001', name: 'OpenAI (fake model on loopback)' };

const PROMPTS = {
	agent: 'Text 09121234567 that order 1042 has shipped, then tell me my credit and whether the SMS was delivered.',
	caps: 'Announce the sale to all 5,000 customers, preview it first, and keep it cheap.',
};

const fromAi = (key, description, type = 'string') => `={{ $fromAI('${key}', '${description}', '${type}') }}`;

const RECIPIENTS_FIELD = fromAi('recipients', 'Iranian mobile numbers to text, comma separated, for example 09121234567');
const MESSAGE_FIELD = fromAi('message', 'The SMS text to send');

function agentWorkflow({ id, name, prompt, tools, ippanelCredential }) {
	const nodes = [
		{ id: `${id}-start`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: `${id}-agent`,
			name: 'Agent',
			type: '@n8n/n8n-nodes-langchain.agent',
			typeVersion: 3.1,
			position: [220, 0],
			parameters: {
				promptType: 'define',
				text: prompt,
				options: { systemMessage: 'You help a shop text its customers with IPPanel.' },
			},
		},
		{
			id: `${id}-model`,
			name: 'Model',
			type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
			typeVersion: 1.3,
			position: [100, 220],
			parameters: { model: { __rl: true, mode: 'id', value: 'gpt-4o-mini' }, responsesApiEnabled: false, options: {} },
			credentials: { openAiApi: OPENAI_CREDENTIAL },
		},
		...tools.map((tool, index) => ({
			id: `${id}-tool-${index}`,
			name: tool.name,
			type: 'n8n-nodes-ippanel-edge.ippanelTool',
			typeVersion: 1,
			position: [300 + index * 160, 220],
			parameters: tool.parameters,
			credentials: { ippanelApi: ippanelCredential },
		})),
	];
	const connections = {
		Start: { main: [[{ node: 'Agent', type: 'main', index: 0 }]] },
		Model: { ai_languageModel: [[{ node: 'Agent', type: 'ai_languageModel', index: 0 }]] },
	};
	for (const tool of tools) connections[tool.name] = { ai_tool: [[{ node: 'Agent', type: 'ai_tool', index: 0 }]] };
	return { id, name, nodes, connections, settings: { executionOrder: 'v1' }, active: false, pinData: {} };
}

const sendTool = (name, additionalFields = {}) => ({
	name,
	parameters: {
		resource: 'send',
		operation: 'webservice',
		fromNumber: SENDER,
		recipients: RECIPIENTS_FIELD,
		message: MESSAGE_FIELD,
		additionalFields,
	},
});

const AGENT_TOOLS = [
	sendTool('Send SMS'),
	{ name: 'Get Credit', parameters: { resource: 'account', operation: 'getCredit' } },
	{
		name: 'Delivery Report',
		parameters: {
			resource: 'report',
			operation: 'recipients',
			bulkId: fromAi('bulk_id', 'The message_outbox_id that Send SMS returned', 'number'),
			returnAll: false,
			limit: 50,
		},
	},
];

const CAPS_TOOLS = [
	sendTool('Send Capped', { maxRecipients: 100 }),
	sendTool('Send Preview', { dryRun: true }),
	sendTool('Send Cheap', { maxCost: 500 }),
];

const FIVE_THOUSAND = Array.from({ length: 5000 }, (_, i) => `0912${String(i).padStart(7, '0')}`).join(',');

/** The tool's name as the model sees it (n8n turns the node name into one). */
function toolNamed(body, nodeName) {
	const wanted = nodeName.replace(/[^a-zA-Z0-9_-]/g, '_');
	const tool = (body.tools || []).find((t) => t.function && t.function.name === wanted);
	if (!tool) throw new Error(`no tool "${wanted}" among ${(body.tools || []).map((t) => t.function && t.function.name).join(', ')}`);
	return tool.function.name;
}

/** The model's script: which tool to call next, from how many tool results it has seen. */
function script(body) {
	const prompt = JSON.stringify(body.messages || []);
	const results = toolResults(body);
	if (prompt.includes(PROMPTS.agent)) {
		if (results.length === 0) {
			return { toolCalls: [{ name: toolNamed(body, 'Send SMS'), args: { recipients: '09121234567', message: 'Your order 1042 has shipped.' } }] };
		}
		if (results.length === 1) return { toolCalls: [{ name: toolNamed(body, 'Get Credit'), args: {} }] };
		if (results.length === 2) {
			const sent = JSON.parse(results[0].content);
			const bulkId = (Array.isArray(sent) ? sent[0] : sent).message_outbox_id;
			return { toolCalls: [{ name: toolNamed(body, 'Delivery Report'), args: { bulk_id: bulkId } }] };
		}
		return { content: 'Sent. Your credit and the delivery report are above.' };
	}
	if (prompt.includes(PROMPTS.caps)) {
		const next = ['Send Capped', 'Send Preview', 'Send Cheap'][results.length];
		if (!next) return { content: 'I could not send: the workflow limits stopped me.' };
		const recipients = next === 'Send Capped' ? FIVE_THOUSAND : next === 'Send Preview' ? '09121234567,09351234567' : '09121234567,09351234567,09191234567';
		return { toolCalls: [{ name: toolNamed(body, next), args: { recipients, message: 'Sale: 20% off today only.' } }] };
	}
	throw new Error('unknown prompt');
}

/** The last chat request of a run: it carries every tool result. */
function lastRequest(fake, prompt) {
	const mine = fake.requests.filter((body) => JSON.stringify(body.messages).includes(prompt));
	assert.ok(mine.length, 'the fake model received no request for this prompt');
	return mine[mine.length - 1];
}

function agentOutput(run) {
	const runData = run.data.resultData.runData;
	assert.ok(runData.Agent, `the Agent did not run${run.data.resultData.error ? `: ${run.data.resultData.error.message}` : ''}`);
	const last = runData.Agent[runData.Agent.length - 1];
	if (last.error) throw new Error(`Agent failed: ${last.error.message}\n${last.error.description || ''}`);
	return last.data.main[0].map((item) => item.json);
}

async function execute(n8nEnv, emulator, workflowId) {
	emulator.reset();
	const res = await executeWorkflow(n8nEnv, workflowId);
	if (!res.run) throw new Error(`n8n execute (exit ${res.code}) printed no run JSON:\n${(res.stderr || res.stdout).slice(-3000)}`);
	return res.run;
}

/**
 * Imports the OpenAI credential and the two agent workflows, runs both; each is one check in
 * `results` (so the e2e summary counts them).
 */
async function runAgentChecks({ results, n8nEnv, emulator, ippanelCredential, apiKey, tmp }) {
	const fake = await startFakeOpenAi(script);
	try {
		const workflows = {
			agent: agentWorkflow({ id: 'ippanelAgentE2e01', name: 'AI Agent texts a customer (e2e)', prompt: PROMPTS.agent, tools: AGENT_TOOLS, ippanelCredential }),
			caps: agentWorkflow({ id: 'ippanelAgentE2e02', name: 'AI Agent under the safety caps (e2e)', prompt: PROMPTS.caps, tools: CAPS_TOOLS, ippanelCredential }),
		};
		const imported = await results.check(
			'agent: import the OpenAI credential (Base URL = fake model) and 2 AI Agent workflows',
			async () => {
				await importCredentials(
					n8nEnv,
					[{ ...OPENAI_CREDENTIAL, type: 'openAiApi', data: { apiKey: 'sk-fake-e2e-key', url: fake.url, header: false } }],
					tmp,
				);
				await importWorkflows(n8nEnv, Object.values(workflows), tmp);
				return true;
			},
			MINUTE * 4,
		);
		if (!imported) return;

		await results.check(
			'agent: the AI Agent sends one SMS, reads the credit and the delivery report through the IPPanel tool',
			async () => {
				const run = await execute(n8nEnv, emulator, workflows.agent.id);
				const output = agentOutput(run);
				const sends = emulator.requests.filter((r) => r.path === '/api/send');
				assert.strictEqual(sends.length, 1, 'one send');
				const outboxId = emulator.state.outbox[emulator.state.outbox.length - 1].id;
				assert.deepStrictEqual(apiCalls(emulator.requests), [
					{
						method: 'POST',
						path: '/api/send',
						body: {
							sending_type: 'webservice',
							from_number: SENDER,
							message: 'Your order 1042 has shipped.',
							params: { recipients: ['+989121234567'] },
						},
					},
					{ method: 'GET', path: '/api/payment/credit/mine', body: null },
					{ method: 'GET', path: '/api/report/recipients', body: null, query: { bulk_id: String(outboxId), page: '1', per_page: '50' } },
				]);
				for (const r of emulator.requests) assert.strictEqual(r.headers.authorization, apiKey, `Authorization on ${r.path}`);

				const body = lastRequest(fake, PROMPTS.agent);
				const seen = toolResults(body).map((r) => r.content);
				assert.strictEqual(seen.length, 3, 'the model got three tool results');
				assert.match(seen[0], new RegExp(`"message_outbox_id":${outboxId}\\b`), 'send result has the outbox id');
				assert.match(seen[1], /credit/i, 'credit result');
				assert.match(seen[2], /09121234567|\+989121234567|9121234567/, 'report result names the recipient');
				assert.strictEqual(output[0].output, 'Sent. Your credit and the delivery report are above.');

				const tools = body.tools.map((t) => t.function);
				fs.writeFileSync(path.join(tmp, 'agent-tools.json'), JSON.stringify(tools, null, 2));
				log(`agent: tool schema n8n sent the model: ${JSON.stringify(tools)}`);
				const send = tools.find((t) => t.name === 'Send_SMS');
				assert.deepStrictEqual(Object.keys(send.parameters.properties).sort(), ['message', 'recipients']);
				assert.match(send.parameters.properties.recipients.description, /Iranian mobile numbers/);
				assert.match(send.description, /Send an SMS to numbers/);
			},
			MINUTE * 4,
		);

		await results.check(
			'agent: Max Recipients, Dry Run and Max Cost hold when the model fills the fields; the model reads the refusals, nothing is sent',
			async () => {
				const run = await execute(n8nEnv, emulator, workflows.caps.id);
				agentOutput(run);
				assert.deepStrictEqual(apiCalls(emulator.requests), [
					{ method: 'POST', path: '/api/send/calculate-price', body: { number: SENDER, message: 'Sale: 20% off today only.' } },
					{ method: 'POST', path: '/api/send/calculate-price', body: { number: SENDER, message: 'Sale: 20% off today only.' } },
				]);
				const seen = toolResults(lastRequest(fake, PROMPTS.caps)).map((r) => r.content);
				fs.writeFileSync(path.join(tmp, 'agent-cap-results.json'), JSON.stringify(seen, null, 2));
				log(`agent: tool results the model read under the caps: ${JSON.stringify(seen).slice(0, 1500)}`);
				log(`agent: chat requests streamed: ${fake.requests.map((body) => Boolean(body.stream)).join(', ')}`);
				assert.strictEqual(seen.length, 3, 'the model got three tool results');
				assert.match(seen[0], /Refused by Max Recipients \(maxRecipients\): this execution would reach 5,000 recipients, more than the cap of 100\. Nothing was sent\./);
				assert.match(seen[1], /"dry_run":true/);
				assert.match(seen[2], /Refused by Max Cost \(maxCost\)/);
				assert.strictEqual(emulator.requests.filter((r) => r.path === '/api/send').length, 0, 'nothing sent');
			},
			MINUTE * 4,
		);
	} finally {
		await fake.stop();
	}
}

module.exports = { runAgentChecks };
