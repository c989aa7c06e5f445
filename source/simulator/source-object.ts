import type {SimSourceRecord} from './state.js';
import type {SimCluster} from './types.js';

/** The cluster a direct connector's source runs on unless it says otherwise. */
export const DEFAULT_CLUSTER: SimCluster = {id: '2c9180866166b5b0016167c32ef31a66', name: 'Corporate Cluster', gmtOffset: '0'};

/** ISC's default deleteThreshold for a source (per cent). */
export const DEFAULT_DELETE_THRESHOLD = 10;

interface ConnectorInfo {
	connector: string;
	connectorName: string;
	connectorClass: string;
	connectionType: 'direct' | 'file';
}

/** Known connector types; anything else gets a connector name derived from its type. */
const CONNECTORS: Record<string, ConnectorInfo> = {
	'Active Directory - Direct': {
		connector: 'active-directory',
		connectorName: 'Active Directory',
		connectorClass: 'sailpoint.connector.ADLDAPConnector',
		connectionType: 'direct',
	},
	Workday: {
		connector: 'workday',
		connectorName: 'Workday',
		connectorClass: 'sailpoint.connector.WorkdayConnector',
		connectionType: 'direct',
	},
	ServiceNow: {
		connector: 'servicenow',
		connectorName: 'ServiceNow',
		connectorClass: 'sailpoint.connector.ServiceNowConnector',
		connectionType: 'direct',
	},
	Salesforce: {
		connector: 'salesforce',
		connectorName: 'Salesforce',
		connectorClass: 'sailpoint.connector.SalesforceConnector',
		connectionType: 'direct',
	},
	DelimitedFile: {
		connector: 'delimited-file',
		connectorName: 'Delimited File',
		connectorClass: 'sailpoint.connector.DelimitedFileConnector',
		connectionType: 'file',
	},
};

export function isDelimitedFile(type: string): boolean {
	return type === 'DelimitedFile';
}

function connectorFor(type: string): ConnectorInfo {
	return (
		CONNECTORS[type] ?? {
			connector: type
				.toLowerCase()
				.replaceAll(/[^a-z\d]+/g, '-')
				.replaceAll(/^-|-$/g, ''),
			connectorName: type,
			connectorClass: 'sailpoint.connector.OpenConnectorAdapter',
			connectionType: 'direct',
		}
	);
}

/** The `Source` object for one simulated source: the required fields plus what a source list screen would show. */
export function toSourceObject(record: SimSourceRecord, clusters?: ReadonlyMap<string, SimCluster>): Record<string, unknown> {
	const {source} = record;
	const clusterId =
		source.clusterId === undefined ? (connectorFor(source.type).connectionType === 'file' ? null : DEFAULT_CLUSTER.id) : source.clusterId;
	const cluster = clusterId === null ? undefined : clusters?.get(clusterId);
	const healthy = source.healthy ?? true;
	const info = connectorFor(source.type);
	const created = new Date(record.createdEpochMs).toISOString();
	return {
		id: source.id,
		name: source.name,
		description: `${source.name} (simulated)`,
		owner: {type: 'IDENTITY', id: '2c9180835d191a86015d28455b4a2329', name: 'aggwatch.demo'},
		cluster: clusterId === null ? null : {type: 'CLUSTER', id: clusterId, name: cluster?.name ?? DEFAULT_CLUSTER.name},
		features: [],
		type: source.type,
		connector: info.connector,
		connectorClass: info.connectorClass,
		connectorAttributes: {},
		deleteThreshold: source.deleteThreshold ?? DEFAULT_DELETE_THRESHOLD,
		authoritative: false,
		managementWorkgroup: null,
		healthy,
		status: source.status ?? (healthy ? 'SOURCE_STATE_HEALTHY' : 'SOURCE_STATE_ERROR_SOURCE'),
		since: created,
		connectorId: info.connector,
		connectorName: info.connectorName,
		connectionType: info.connectionType,
		connectorImplementationId: info.connector,
		created,
		modified: created,
		credentialProviderEnabled: false,
		category: null,
	};
}

/** The `ManagedCluster` object of a simulated cluster: the required fields and the configuration that holds gmtOffset. */
export function toManagedClusterObject(cluster: SimCluster): Record<string, unknown> {
	return {
		id: cluster.id,
		name: cluster.name,
		pod: 'megapod-useast1',
		org: 'aggwatch-demo',
		type: 'idn',
		configuration: {clusterExternalId: cluster.id, clusterType: 'sqsCluster', gmtOffset: cluster.gmtOffset},
		description: `${cluster.name} (simulated)`,
		clientType: 'CCG',
		ccgVersion: 'v01',
		pinnedConfig: false,
		operational: true,
		status: 'NORMAL',
	};
}
