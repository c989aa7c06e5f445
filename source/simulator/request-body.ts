export interface FormData {
	/** Text fields (url-encoded pairs, or multipart parts without a filename). Later values win. */
	fields: Record<string, string>;
	/** Multipart parts that carried a file. */
	files: Array<{field: string; filename: string; size: number}>;
}

function headerParameter(header: string, name: string): string | undefined {
	const match = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]*))`, 'i').exec(header);
	if (match === null) {
		return undefined;
	}

	return match[1] ?? match[2];
}

/**
 * A small multipart/form-data reader: enough for text fields and to notice files. Tolerates an empty or
 * malformed body by returning whatever parts it could read.
 */
export function parseMultipart(body: Buffer, contentType: string): FormData {
	const result: FormData = {fields: {}, files: []};
	const boundary = headerParameter(contentType, 'boundary');
	if (boundary === undefined || boundary === '' || body.length === 0) {
		return result;
	}

	// latin1 keeps one character per byte, so sizes stay byte counts.
	const text = body.toString('latin1');
	const sections = text.split(`--${boundary}`);
	for (const section of sections.slice(1)) {
		if (section.startsWith('--')) {
			break;
		}

		const part = section.replace(/^\r?\n/, '');
		const split = /\r?\n\r?\n/.exec(part);
		if (split === null) {
			continue;
		}

		const head = part.slice(0, split.index);
		const content = part.slice(split.index + split[0].length).replace(/\r?\n$/, '');
		const disposition = /^content-disposition:(.*)$/im.exec(head)?.[1] ?? '';
		const name = headerParameter(disposition, 'name');
		if (name === undefined) {
			continue;
		}

		const filename = headerParameter(disposition, 'filename');
		if (filename === undefined) {
			result.fields[name] = Buffer.from(content, 'latin1').toString('utf8');
		} else {
			result.files.push({field: name, filename, size: content.length});
		}
	}

	return result;
}

export function parseUrlEncoded(body: Buffer): FormData {
	const fields: Record<string, string> = {};
	for (const [key, value] of new URLSearchParams(body.toString('utf8'))) {
		fields[key] = value;
	}

	return {fields, files: []};
}

/** Reads a request body as form data, whichever of the two form encodings it uses (anything else: no fields). */
export function parseForm(body: Buffer, contentType: string | undefined): FormData {
	const type = (contentType ?? '').toLowerCase();
	if (type.startsWith('multipart/form-data')) {
		return parseMultipart(body, contentType ?? '');
	}

	if (type.startsWith('application/x-www-form-urlencoded')) {
		return parseUrlEncoded(body);
	}

	return {fields: {}, files: []};
}
