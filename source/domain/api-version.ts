/** The API versions the status endpoint can be reached through. */
export const API_VERSIONS = ['v2025', 'v2024', 'beta', 'v1'] as const;

export type ApiVersion = (typeof API_VERSIONS)[number];

export const DEFAULT_API_VERSION: ApiVersion = 'v2025';

export function isApiVersion(value: unknown): value is ApiVersion {
	return typeof value === 'string' && (API_VERSIONS as readonly string[]).includes(value);
}
