import type {SimulatorOptions} from '../../source/simulator/types.js';

/**
 * A simulated tenant with one LDAP source and one run of it, `id`, for the stall tests: 1 s collecting, then 100
 * accounts a second until its count stands still at 2 s for `forMs`, then on to COMPLETED.
 */
export function stallingLdap(id: string, options: {totalAccounts: number; forMs: number}): SimulatorOptions {
	return {
		sources: [{id: 'src-ldap', name: 'LDAP', type: 'LDAP'}],
		aggregations: [
			{
				id,
				sourceId: 'src-ldap',
				sourceName: 'LDAP',
				startAtMs: 0,
				collectMs: 1000,
				totalAccounts: options.totalAccounts,
				accountsPerSecond: 100,
				stall: {atMs: 2000, forMs: options.forMs},
				outcome: {type: 'COMPLETED'},
			},
		],
	};
}
