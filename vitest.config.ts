import {defineConfig} from 'vitest/config';

export default defineConfig({
	define: {
		AGGWATCH_VERSION: JSON.stringify('0.0.0-test'),
	},
	test: {
		include: ['test/**/*.test.{ts,tsx}', 'source/**/*.test.{ts,tsx}'],
		testTimeout: 20_000,
		hookTimeout: 20_000,
		pool: 'forks',
	},
});
