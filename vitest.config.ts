import {availableParallelism} from 'node:os';
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
		// Most of the suite's time is spent waiting (pty tests following the demo's timeline, tokens expiring, a one-minute
		// soak), not computing, so it runs more files at once than there are cores: vitest's default (cores - 1) ran
		// them one at a time on a 2-core machine.
		maxWorkers: Math.max(3, availableParallelism()),
	},
});
