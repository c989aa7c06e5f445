/**
 * A second aggwatch process for the store tests. Bundled with esbuild at test time (see children.ts) and run
 * with plain node. Opens the store, prints "ready", waits for a line on stdin, does its job, prints "done".
 *
 *   add <dir> <tenant> <prefix> <count>      adds <count> rows one call at a time
 *   remove <dir> <tenant> <id>...            removes the rows one call at a time
 *   save <dir> <tenant> <rounds> <id>...     saves a snapshot for every id, <rounds> times
 */
import process from 'node:process';
import {once} from 'node:events';
import {openStore} from '../../../source/store/config.js';

const [mode, dir, tenant, ...rest] = process.argv.slice(2);
if (mode === undefined || dir === undefined || tenant === undefined) {
	throw new Error('usage: <mode> <dir> <tenant> ...');
}

const {store} = openStore({cwd: dir});
process.stdout.write('ready\n');
await once(process.stdin, 'data');

switch (mode) {
	case 'add': {
		const [prefix = 'row', count = '1'] = rest;
		for (let index = 0; index < Number(count); index++) {
			store.addTracked([{id: `${prefix}-${index}`, tenant, addedAt: Date.now()}]);
		}

		break;
	}

	case 'remove': {
		for (const id of rest) {
			store.removeTracked([{tenant, id}]);
		}

		break;
	}

	case 'save': {
		const [rounds = '1', ...ids] = rest;
		for (let round = 1; round <= Number(rounds); round++) {
			store.saveSnapshots(
				ids.map(id => ({
					id,
					tenant,
					addedAt: 0,
					phase: 'running' as const,
					lastOkAt: Date.now(),
					snapshot: {status: 'ACCOUNTS_COLLECTED', totalAccounts: 100, processedAccounts: round},
				})),
			);
		}

		break;
	}

	default: {
		throw new Error(`unknown mode ${mode}`);
	}
}

process.stdout.write('done\n');
process.stdin.destroy();
