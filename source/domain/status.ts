/**
 * The statuses ISC documents. Any other string is kept and shown, never rejected; only its control characters
 * (C0, DEL, C1) are replaced by U+FFFD, so a status cannot carry terminal escape sequences.
 */
export const KNOWN_STATUSES = ['STARTED', 'ACCOUNTS_COLLECTED', 'COMPLETED', 'CANCELLED', 'RETRIED', 'TERMINATED', 'NOT_FOUND'] as const;

/** Statuses after which an aggregation never changes again: polling stops for good. */
export const END_STATUSES: readonly string[] = ['COMPLETED', 'CANCELLED', 'TERMINATED'];

/** Text from the tenant made safe to print: control characters (C0, DEL, C1) become U+FFFD. */
export function safeText(text: string): string {
	return text.replace(CONTROL_CHARACTERS, '\uFFFD');
}

export function isEndStatus(status: string | undefined): boolean {
	return status !== undefined && END_STATUSES.includes(status);
}

/** `AccountAggregationStatus` from the v2025 document. Every field is optional; `start` may be null. */
export interface AggregationStatus {
	start?: string | null;
	/** One of KNOWN_STATUSES, or whatever else the tenant sent. */
	status?: string;
	totalAccounts?: number;
	processedAccounts?: number;
	totalAccountsMarkedForDeletion?: number;
	deletedAccounts?: number;
	totalIdentities?: number;
	processedIdentities?: number;
}

export const COUNT_FIELDS = [
	'totalAccounts',
	'processedAccounts',
	'totalAccountsMarkedForDeletion',
	'deletedAccounts',
	'totalIdentities',
	'processedIdentities',
] as const;

export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;
