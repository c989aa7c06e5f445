// TLS certificate failure codes, apart from isc/network-error.ts so that code asking about them (start-outcome.ts, on
// the monitor's path to its first frame; the monitor core, which stops a tenant on one) does not load got.

/** Certificate failures: the server's certificate is not trusted. Retrying cannot help; the CA has to be added. */
const CERTIFICATE_CODES = new Set([
	'SELF_SIGNED_CERT_IN_CHAIN',
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'UNABLE_TO_GET_ISSUER_CERT',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'UNABLE_TO_GET_CRL',
	'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
	'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
	'CERT_SIGNATURE_FAILURE',
	'CERT_NOT_YET_VALID',
	'CERT_HAS_EXPIRED',
	'CERT_UNTRUSTED',
	'CERT_REJECTED',
	'INVALID_CA',
	'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Whether a network failure code is a TLS certificate failure (never worth a retry). */
export function isCertificateCode(code: string | undefined): boolean {
	return code !== undefined && CERTIFICATE_CODES.has(code);
}

/** A network failure whose code says the server's TLS certificate is not trusted: adding the CA is the only fix. */
export function isCertificateError(error: {kind: string; code?: string}): boolean {
	return error.kind === 'network' && isCertificateCode(error.code);
}
