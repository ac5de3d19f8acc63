/** A node's loadOptions methods called as the editor calls them: through n8n-core's LoadOptionsContext. */
import { LoadOptionsContext } from 'n8n-core';
import type { INode, INodeParameters, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import type { CredentialStore } from './credentials';
import { TestCredentialsHelper } from './credentials';
import { nodeTypes } from './nodes';

/**
 * The context a dropdown of the node is loaded in: the node with `parameters` (what the user has
 * set so far), the credential, and `path` the parameter being loaded (`parameters.fromNumber`).
 */
export function loadOptionsContext(
	parameters: INodeParameters,
	path: string,
	credentials: CredentialStore,
	type = 'n8n-nodes-ippanel-edge.ippanel',
): LoadOptionsContext {
	const node: INode = {
		id: 'ippanel',
		name: 'IPPanel',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { ippanelApi: { id: '1', name: 'IPPanel account' } },
	};
	const workflow = new Workflow({ id: 'wf', nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper({ ippanelApi: credentials }),
		currentNodeParameters: parameters,
	} as unknown as IWorkflowExecuteAdditionalData;
	return new LoadOptionsContext(workflow, node, additionalData, path);
}
