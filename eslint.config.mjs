import { configs } from '@n8n/eslint-plugin-community-nodes';
import jsoncParser from 'jsonc-eslint-parser';
import tseslint from 'typescript-eslint';

export default [
	{ ignores: ['dist/**', 'node_modules/**', '.cache/**', 'test/**', 'dev/**', 'scripts/**', 'examples/**', 'docs/**'] },
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		languageOptions: { parser: tseslint.parser },
		...configs.recommended,
	},
	{
		files: ['package.json'],
		languageOptions: { parser: jsoncParser },
		...configs.recommended,
	},
];
