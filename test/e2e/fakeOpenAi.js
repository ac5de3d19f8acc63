'use strict';
/**
 * A small OpenAI-compatible chat server on loopback, for the AI Agent e2e case: n8n's OpenAI
 * Chat Model node (credential "Base URL" pointed here) talks to it as to api.openai.com.
 *
 * POST /v1/chat/completions answers with what `script(request)` returns for the conversation so
 * far: { toolCalls: [{ name, args }] } makes the model call tools, { content } ends the turn.
 * Both the plain JSON answer and the streamed (SSE, `stream: true`) answer are supported.
 * Every request body is kept in `requests`, so the test reads what n8n sent the model: the tool
 * schema, and the tool results.
 */
const http = require('http');

function completion(id, model, message, finishReason) {
	return {
		id,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model,
		choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
		usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
	};
}

/** The same answer as SSE chunks: the role, then each tool call (or the text), then the finish reason. */
function chunks(id, model, message, finishReason) {
	const base = { id, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model };
	const chunk = (delta, finish = null) => ({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
	const list = [chunk({ role: 'assistant', content: message.tool_calls ? null : '' })];
	if (message.tool_calls) {
		message.tool_calls.forEach((call, index) => list.push(chunk({ tool_calls: [{ index, ...call }] })));
	} else {
		list.push(chunk({ content: message.content }));
	}
	list.push(chunk({}, finishReason));
	return list;
}

/**
 * Starts the server. `script(body, { requests })` decides each answer. Returns
 * { url (ends in /v1), requests, stop() }.
 */
async function startFakeOpenAi(script) {
	const requests = [];
	let calls = 0;
	const server = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (chunk) => (raw += chunk));
		req.on('end', () => {
			const send = (status, body) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(body));
			};
			if (req.method === 'GET' && req.url.startsWith('/v1/models')) {
				return send(200, { object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model', owned_by: 'test' }] });
			}
			if (req.method !== 'POST' || !req.url.startsWith('/v1/chat/completions')) {
				return send(404, { error: { message: `not served by the fake model: ${req.method} ${req.url}` } });
			}
			let body;
			try {
				body = JSON.parse(raw);
			} catch {
				return send(400, { error: { message: 'body is not JSON' } });
			}
			requests.push(body);
			let turn;
			try {
				turn = script(body, { requests });
			} catch (err) {
				return send(500, { error: { message: `fake model script failed: ${err.message}` } });
			}
			const id = `chatcmpl-fake-${++calls}`;
			const message = turn.toolCalls
				? {
						role: 'assistant',
						content: null,
						tool_calls: turn.toolCalls.map((call, index) => ({
							id: `call_${calls}_${index}`,
							type: 'function',
							function: { name: call.name, arguments: JSON.stringify(call.args) },
						})),
					}
				: { role: 'assistant', content: turn.content };
			const finishReason = turn.toolCalls ? 'tool_calls' : 'stop';
			if (!body.stream) return send(200, completion(id, body.model, message, finishReason));
			res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
			for (const chunk of chunks(id, body.model, message, finishReason)) res.write(`data: ${JSON.stringify(chunk)}\n\n`);
			res.end('data: [DONE]\n\n');
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}/v1`,
		requests,
		stop: () => new Promise((resolve) => server.close(resolve)),
	};
}

/** The tool results (role "tool" messages) of a chat request, in order: [{ tool_call_id, content }]. */
function toolResults(body) {
	return (body.messages || []).filter((m) => m.role === 'tool').map((m) => ({ id: m.tool_call_id, content: contentText(m.content) }));
}

function contentText(content) {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) return content.map((part) => (typeof part === 'string' ? part : part.text || '')).join('');
	return JSON.stringify(content);
}

module.exports = { startFakeOpenAi, toolResults };
