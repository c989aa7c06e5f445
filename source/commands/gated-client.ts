import type {CallOptions, IscClient, ListQuery, PageOptions} from '../isc/client.js';

/** The IscClient calls the monitor's services make besides status polls and task reads. */
export type ServiceClient = Pick<
	IscClient,
	| 'getSource'
	| 'listTaskStatus'
	| 'listRunningAggregations'
	| 'listSources'
	| 'importAccounts'
	| 'listSourceSchedules'
	| 'getManagedCluster'
>;

/**
 * A client whose every request first awaits `gate` (a per-tenant budget gate: see core/budget-gate.ts), whatever
 * options the caller passes: helpers such as SourceNames build their own call options, so the gate is added here,
 * at the client's edge.
 */
export function gatedClient(client: IscClient, gate: () => Promise<void>): ServiceClient {
	const withGate = (options: CallOptions = {}): CallOptions => ({...options, onSend: gate});
	return {
		getSource: async (id: string, options?: CallOptions) => client.getSource(id, withGate(options)),
		listTaskStatus: async (query?: ListQuery, options?: CallOptions) => client.listTaskStatus(query, withGate(options)),
		listRunningAggregations: async (page?: PageOptions, options?: CallOptions) => client.listRunningAggregations(page, withGate(options)),
		listSources: async (query?: ListQuery, options?: CallOptions) => client.listSources(query, withGate(options)),
		listSourceSchedules: async (sourceId: string, options?: CallOptions) => client.listSourceSchedules(sourceId, withGate(options)),
		getManagedCluster: async (id: string, options?: CallOptions) => client.getManagedCluster(id, withGate(options)),
		importAccounts: async (sourceId: string, importOptions?: {disableOptimization?: boolean}, options?: CallOptions) =>
			client.importAccounts(sourceId, importOptions, withGate(options)),
	};
}
