'use strict';
/** The IPPanel credential and the example workflows (examples/*.json), ready for `n8n import:*`. */
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { paths } = require('./paths');

const CREDENTIAL_TYPE = 'ippanelApi';

function ippanelCredential({ id, name, baseUrl, apiKey }) {
	return { id, name, type: CREDENTIAL_TYPE, data: { baseUrl, authentication: 'apiKey', apiKey } };
}

/** A stable 16-character id per example file, so a re-import updates it in place. */
function workflowIdFor(file) {
	return crypto.createHash('sha256').update(path.basename(file)).digest('hex').slice(0, 16);
}

/**
 * Reads examples/*.json and points every IPPanel credential reference at `credential`.
 * Returns [{ file, workflow }] (workflow.id filled in when the file has none).
 */
function loadExamples(credential, dir = path.join(paths.root, 'examples')) {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => {
			const file = path.join(dir, f);
			const workflow = JSON.parse(fs.readFileSync(file, 'utf8'));
			workflow.id = workflow.id || workflowIdFor(file);
			for (const node of workflow.nodes || []) {
				if (node.credentials && node.credentials[CREDENTIAL_TYPE]) {
					node.credentials[CREDENTIAL_TYPE] = { id: credential.id, name: credential.name };
				}
			}
			return { file: f, workflow };
		});
}

module.exports = { CREDENTIAL_TYPE, ippanelCredential, loadExamples };
