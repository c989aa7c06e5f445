// Maps a stack trace a user sent (from the installed package, which ships no source maps) back to source/ files:
// build the same version (`npm run build`: the same sources and lock file give byte-identical bundles, their file
// names are content hashes), then `node scripts/map-stack.mjs < trace.txt`. Each `…/dist/<file>:<line>:<column>`
// found in the text is followed by its place in the sources, from dist/<file>.map.
import {readFileSync} from 'node:fs';
import {SourceMap} from 'node:module';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const maps = new Map();

function mapOf(file) {
	if (!maps.has(file)) {
		try {
			maps.set(file, new SourceMap(JSON.parse(readFileSync(path.join(dist, `${file}.map`), 'utf8'))));
		} catch {
			maps.set(file, undefined);
		}
	}

	return maps.get(file);
}

const text = readFileSync(0, 'utf8');
process.stdout.write(
	text.replaceAll(/[\\/]dist[\\/]([\w.-]+\.(?:mjs|cjs|js)):(\d+):(\d+)\)?/g, (whole, file, line, column) => {
		const entry = mapOf(file)?.findEntry(Number(line) - 1, Number(column) - 1);
		if (entry === undefined || entry.originalSource === undefined) {
			return `${whole} [no map for ${file}: build the version the trace came from]`;
		}

		const source = path.relative(path.dirname(dist), fileURLToPath(new URL(entry.originalSource, `file://${dist}/`)));
		return `${whole} [${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}${entry.name ? ` ${entry.name}` : ''}]`;
	}),
);
