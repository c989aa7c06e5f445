import React from 'react';
import {Confirm} from '../../components/confirm.js';
import {DetailPane} from '../../components/detail-pane.js';
import {messageHeight, NoticeLines} from '../../components/message-line.js';
import {Picker} from '../../components/picker.js';
import {Prompt} from '../../components/prompt.js';
import type {ViewState} from '../../state/screen-state.js';
import {useTheme} from '../../theme/theme.js';
import {glanceColumns, glanceKey, glanceLayout, glanceSegments, SORT_LABELS} from './tenant-source-entries.js';
import type {TenantSourcesScreenState} from './use-tenant-sources-state.js';

export interface TenantSourcesProps extends TenantSourcesScreenState {
	now: number;
	width: number;
	height: number;
}

/** The tenant at a glance (O): every source, those needing attention first, with the selected one's details under them. */
export function TenantSources({
	shown,
	total,
	window,
	selected,
	status,
	complete,
	multiTenant,
	glance,
	content,
	detailLines,
	now,
	width,
	height,
}: TenantSourcesProps) {
	const {glyphs} = useTheme();
	const layout = glanceLayout(shown, now, width, multiTenant);
	const parts = [
		`${total} source${total === 1 ? '' : 's'}${complete ? '' : ', reading...'}`,
		...(glance.filter === '' ? [] : [`filter: "${glance.filter}" (${shown.length} of ${total})`]),
		SORT_LABELS[glance.sort],
	];
	return (
		<>
			<Picker
				title="Sources at a glance"
				status={parts.join(` ${glyphs.separator} `)}
				columns={glanceColumns(layout)}
				items={shown}
				keyOf={glanceKey}
				segments={overview => glanceSegments(overview, now, layout, glyphs)}
				window={window}
				{...status}
				width={width}
				height={height - detailLines}
			/>
			{content !== undefined && selected !== undefined && detailLines > 0 ? (
				<DetailPane title={selected.name} content={content} width={width} height={detailLines} />
			) : null}
		</>
	);
}

/** Lines TenantSourcesBottom takes. */
export function tenantSourcesBottomLines(view: ViewState, width: number): number {
	switch (view.mode) {
		case 'tenant-sources-filtering':
		case 'confirm-source-start': {
			return 1;
		}

		case 'tenant-sources': {
			return view.notice === undefined ? 0 : messageHeight(view.notice, width);
		}

		default: {
			return 0;
		}
	}
}

/** Under the glance: its filter prompt, the question before a start, or what came of the last key. */
export function TenantSourcesBottom({view, width}: {view: ViewState; width: number}) {
	switch (view.mode) {
		case 'tenant-sources-filtering': {
			return (
				<Prompt
					label="Filter sources"
					value={view.glance.filter}
					width={width}
					placeholder="text in name, connector, tenant or attention"
				/>
			);
		}

		case 'confirm-source-start': {
			return <Confirm question={view.question} />;
		}

		case 'tenant-sources': {
			return view.notice === undefined ? null : <NoticeLines message={view.notice} width={width} />;
		}

		default: {
			return null;
		}
	}
}
