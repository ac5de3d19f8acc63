// The community-node rules (@n8n/eslint-plugin-community-nodes) plus the n8n-nodes-base rule sets,
// configured as `n8n-node lint` and @n8n/scan-community-package configure them.
import { configs } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import jsoncParser from 'jsonc-eslint-parser';
import tseslint from 'typescript-eslint';

export default [
	{ ignores: ['dist/**', 'node_modules/**', '.cache/**', 'test/**', 'dev/**', 'scripts/**', 'examples/**', 'docs/**'] },
	{ files: ['nodes/**/*.ts', 'credentials/**/*.ts'], languageOptions: { parser: tseslint.parser }, ...configs.recommended },
	{ files: ['package.json'], languageOptions: { parser: jsoncParser }, ...configs.recommended },
	{ files: ['**/*.ts', 'package.json'], plugins: { 'n8n-nodes-base': n8nNodesBase }, rules: { 'no-console': 'error' } },
	{ files: ['package.json'], rules: { ...n8nNodesBase.configs.community.rules } },
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
];
