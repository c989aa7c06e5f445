import React from 'react';
import {Box} from 'ink';
import type {RowInsight} from '../../../core/insight.js';
import type {MonitorState} from '../../../core/types.js';
import {AggregationRow} from '../../components/aggregation-row.js';
import {ColumnTitles} from '../../components/column-titles.js';
import {Confirm} from '../../components/confirm.js';
import {DetailPane} from '../../components/detail-pane.js';
import {EmptyState} from '../../components/empty-state.js';
import {ListBar} from '../../components/list-bar.js';
import {messageHeight, NoticeLines} from '../../components/message-line.js';
import {Prompt} from '../../components/prompt.js';
import {activeFlash} from '../../alerts/flashes.js';
import type {Feature} from '../../keys/keymap.js';
import {rowLabel} from '../../text/row-cells.js';
import type {ViewState} from '../../state/screen-state.js';
import type {ListScreenState} from './use-list-state.js';

export interface ListProps {
	data: ListScreenState;
	view: ViewState;
	state: MonitorState;
	now: number;
	features: readonly Feature[];
	width: number;
	/** Stalls, deletion risk and comparisons with past runs, by row key. */
	insights?: ReadonlyMap<string, RowInsight> | undefined;
}

/** The monitor list: its bar, column titles, the rows in view and the selected row's details (or what to do first). */
export function List({data, view, state, now, features, width, insights}: ListProps) {
	const {list, window, shownRows, layout, withTenant, tenantFilter, selected, content, detailLines, multiTenant, shortId} = data;
	if (state.rows.length === 0) {
		return <EmptyState width={width} features={features} />;
	}

	const visible = shownRows.slice(window.start, window.end);
	return (
		<>
			<ListBar
				sort={view.sort}
				filter={view.filter}
				shown={list.keys.length}
				total={state.rows.length}
				selected={window.selected}
				width={width}
				{...(tenantFilter === undefined ? {} : {tenant: tenantFilter})}
			/>
			<ColumnTitles layout={layout} sort={view.sort} withTenant={withTenant} />
			<Box flexDirection="column" height={list.height} flexShrink={0} overflowY="hidden">
				{list.keys.length === 0 ? (
					<EmptyState width={width} filter={view.filter} />
				) : (
					visible.map((row, index) => (
						<AggregationRow
							key={row.key}
							row={row}
							now={now}
							intervalMs={state.options.intervalMs}
							layout={layout}
							selected={window.start + index === window.selected}
							withTenant={withTenant}
							paused={state.paused}
							tenantError={state.tenants[row.tenant]?.authError}
							flash={activeFlash(view.flashes, row.key, now)?.severity}
							idText={shortId(row.id)}
							insight={insights?.get(row.key)}
						/>
					))
				)}
			</Box>
			{content !== undefined && selected !== undefined && detailLines > 0 ? (
				<DetailPane title={rowLabel(selected, multiTenant, shortId(selected.id))} content={content} width={width} height={detailLines} />
			) : null}
		</>
	);
}

/** Lines the list screen's bottom area takes above the footer: a prompt with its messages, a question or a notice. */
export function listBottomLines(view: ViewState, width: number): number {
	switch (view.mode) {
		case 'adding': {
			return 1 + view.messages.length;
		}

		case 'filtering': {
			return 1;
		}

		case 'confirm-remove':
		case 'confirm-clear': {
			return 1;
		}

		case 'normal': {
			return view.notice === undefined ? 0 : messageHeight(view.notice, width);
		}

		default: {
			return 0;
		}
	}
}

/** The list screen's bottom area: the add or filter prompt, a confirmation, or the notice. */
export function ListBottom({view, width}: {view: ViewState; width: number}) {
	switch (view.mode) {
		case 'adding': {
			return (
				<Prompt
					label="Add ids"
					value={view.prompt}
					width={width}
					placeholder="paste or type ids, separated by spaces, commas or new lines"
					messages={view.messages}
				/>
			);
		}

		case 'filtering': {
			return <Prompt label="Filter" value={view.prompt} width={width} placeholder="text in name, id, tenant or status" />;
		}

		case 'confirm-remove':
		case 'confirm-clear': {
			return <Confirm question={view.question} />;
		}

		case 'normal': {
			return view.notice === undefined ? null : <NoticeLines message={view.notice} width={width} />;
		}

		default: {
			return null;
		}
	}
}
