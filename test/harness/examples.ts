/** The workflows of examples/, read as tests need them: nodes by name or type, and what follows a node. */
import { readFileSync } from 'fs';
import path from 'path';

import type { INodeParameters } from 'n8n-workflow';

export interface WorkflowNode {
	name: string;
	type: string;
	parameters: INodeParameters;
	credentials?: Record<string, unknown>;
}

export function loadExample(file: string) {
	const workflow = JSON.parse(readFileSync(path.join(__dirname, '../../examples', file), 'utf8')) as {
		nodes: WorkflowNode[];
		connections: Record<string, { main: Array<Array<{ node: string }>> }>;
	};
	const named = (name: string) => workflow.nodes.find((node) => node.name === name) as WorkflowNode;
	return {
		nodes: workflow.nodes,
		ofType: (type: string) => workflow.nodes.find((node) => node.type === type) as WorkflowNode,
		/** The node after `name` in the workflow's connections. */
		next: (name: string) => named(workflow.connections[name].main[0][0].node),
	};
}
