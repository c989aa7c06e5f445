/**
 * The shape of source/ (readme.md, Development): arrows point one way only.
 * cli → commands → ui → {alerts, history} → core → domain; commands → {store, isc, simulator}; store → history
 * (the history file's entries). Folder cycles are refused on their own too, and so is any circle between files
 * (type imports included: tsPreCompilationDeps). Outside ui/, the UI is imported only through ui/index.ts. Checked
 * by `npm run lint`.
 */
const ours = '^source/';
/** Each top-level folder (or top-level file) and what of ours it may import besides itself. */
const layers = {
	domain: [],
	version: [],
	core: ['domain'],
	isc: ['domain', 'version'],
	simulator: ['domain'],
	alerts: ['domain', 'core'],
	history: ['domain', 'core'],
	store: ['domain', 'core', 'history'],
	ui: ['domain', 'core', 'alerts', 'history', 'version'],
	commands: ['domain', 'core', 'isc', 'simulator', 'store', 'alerts', 'history', 'ui', 'version'],
};
const node = name => `source/${name}(/|\\.tsx?$)`;

module.exports = {
	forbidden: [
		{
			name: 'no-folder-cycles',
			comment: 'Top-level folders of source/ must not depend on each other in a circle.',
			severity: 'error',
			scope: 'folder',
			from: {path: '^source/[^/]+$'},
			to: {path: '^source/[^/]+$', circular: true},
		},
		{
			name: 'no-file-cycles',
			comment:
				'No file of source/ may import itself through others, type imports included (a reducer that imports a screen whose file imports the reducer back). Break a circle by moving what both need into a file of its own.',
			severity: 'error',
			from: {path: ours},
			to: {path: ours, circular: true},
		},
		{
			name: 'ui-through-its-door',
			comment:
				'The rest of source/ uses the UI only through source/ui/index.ts, its one door; what lies behind it may move. (Tests and the bench may import deeper.)',
			severity: 'error',
			from: {path: ours, pathNot: '^source/ui/'},
			to: {path: '^source/ui/', pathNot: '^source/ui/index\\.ts$'},
		},
		...Object.entries(layers).map(([name, allowed]) => ({
			name: `${name}-imports-only-${allowed.length === 0 ? 'itself' : allowed.join('-')}`,
			comment: `${name} may import only ${allowed.length === 0 ? 'nothing of ours' : allowed.join(', ')} (and itself).`,
			severity: 'error',
			from: {path: node(name)},
			to: {path: ours, pathNot: [node(name), ...allowed.map(allowedName => node(allowedName))]},
		})),
	],
	options: {
		doNotFollow: {path: 'node_modules'},
		exclude: {path: 'node_modules'},
		tsPreCompilationDeps: true,
		tsConfig: {fileName: 'tsconfig.json'},
		enhancedResolveOptions: {
			exportsFields: ['exports'],
			conditionNames: ['import', 'require', 'node', 'default', 'types'],
			extensions: ['.ts', '.tsx', '.js'],
		},
		reporterOptions: {text: {highlightFocused: true}},
	},
};
