// n8n's own rule set for community nodes, as `n8n-node lint` applies it: ESLint and typescript-eslint
// recommended, import-x, @n8n/eslint-plugin-community-nodes and the n8n-nodes-base node/credential rules.
import { config } from '@n8n/node-cli/eslint';

export default [
	{ ignores: ['dist/**', 'node_modules/**', '.cache/**', 'test/**', 'dev/**', 'scripts/**', 'examples/**', 'docs/**', '*.js', '*.mjs'] },
	...config,
];
