/** What tells a source's connector apart: its type, connector and connector name (any may be missing). */
export interface ConnectorKind {
	type?: string;
	connector?: string;
	connectorName?: string;
}

/**
 * Delimited-file sources aggregate a CSV that has to be uploaded with the request; aggwatch does not upload
 * files, and without one ISC refuses (400). Judged by type, connector and connector name.
 */
export function isDelimitedFileSource(source: ConnectorKind): boolean {
	return [source.type, source.connector, source.connectorName].some(
		value =>
			value !== undefined &&
			value
				.toLowerCase()
				.replaceAll(/[\s_-]/g, '')
				.includes('delimitedfile'),
	);
}
