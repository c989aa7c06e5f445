import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ignores: ['dist/**', 'node_modules/**', 'coverage/**']},
	...tseslint.configs.recommended,
	reactHooks.configs.flat.recommended,
	{
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
			'no-console': 'off',
			eqeqeq: ['error', 'smart'],
			'prefer-const': 'error',
			// About what the React Compiler can memoise; aggwatch does not build with it. The hooks rules stay.
			'react-hooks/preserve-manual-memoization': 'off',
		},
	},
);
