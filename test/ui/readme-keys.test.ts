/**
 * The README's key table and the `?` help come from one keymap (issue 22): the table between the README's
 * `<!-- keys -->` markers is exactly what helpSections gives for a monitor that offers every screen, so a binding
 * added, changed or removed in source/ui/keys/keymap.ts fails here until the README says the same.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {expect, test} from 'vitest';
import {helpSections, type Feature} from '../../source/ui/keys/keymap.js';
import {createTheme} from '../../source/ui/theme/theme.js';
import {root} from '../helpers/cli.js';

const EVERY_FEATURE: Feature[] = ['discover', 'start', 'history', 'copy', 'glance', 'open'];

function tableFromKeymap(): string {
	const {glyphs} = createTheme({color: false, ascii: false});
	const lines = ['| Keys | What they do |', '| --- | --- |'];
	for (const section of helpSections(glyphs, EVERY_FEATURE)) {
		lines.push(`| **${section.title}** | |`);
		for (const entry of section.entries) {
			lines.push(`| \`${entry.keys}\` | ${entry.help.replaceAll('|', '\\|')} |`);
		}
	}

	return lines.join('\n');
}

test('the README key table is the keymap, as ? shows it', () => {
	const readme = readFileSync(path.join(root, 'readme.md'), 'utf8');
	const start = readme.indexOf('<!-- keys:start -->');
	const end = readme.indexOf('<!-- keys:end -->');
	expect(start).toBeGreaterThan(-1);
	expect(end).toBeGreaterThan(start);
	const table = readme.slice(start + '<!-- keys:start -->'.length, end).trim();
	expect(table).toBe(tableFromKeymap());
});
