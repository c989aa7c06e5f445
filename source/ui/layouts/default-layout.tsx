import React from 'react';
import {Box} from 'ink';
import {headerAlert} from '../alerts/flashes.js';
import {KeyFooter} from '../components/footer.js';
import {Header} from '../components/header.js';
import {SpinnerClock} from '../components/spinner-clock.js';
import {Discover} from '../screens/discover/discover.js';
import {Events} from '../screens/events/events.js';
import {Help} from '../screens/help/help.js';
import {History, HistoryBottom} from '../screens/history/history.js';
import {List, ListBottom} from '../screens/list/list.js';
import {Sources, SourcesBottom} from '../screens/sources/sources.js';
import {TenantSources, TenantSourcesBottom} from '../screens/tenant-sources/tenant-sources.js';
import type {MonitorViewModel} from '../use-monitor-view.js';

/** The screen of the current mode (screens/), in the body between the header and the bottom area. */
function ScreenMain({model}: {model: MonitorViewModel}) {
	const {screen, view, state, now, features, width, body, list, insights} = model;
	switch (screen) {
		case 'help': {
			return <Help scroll={view.mode === 'help' ? view.helpScroll : 0} features={features} width={width} height={body} />;
		}

		case 'events': {
			return <Events {...model.events} scroll={view.mode === 'events' ? view.eventsScroll : 0} width={width} height={body} />;
		}

		case 'discover': {
			return (
				<Discover
					{...model.discover}
					now={now}
					multiTenant={list.multiTenant}
					editing={view.mode === 'discover-filtering'}
					width={width}
					height={body}
				/>
			);
		}

		case 'sources': {
			return (
				<Sources
					{...model.sources}
					multiTenant={list.multiTenant}
					now={now}
					editing={view.mode === 'sources-filtering'}
					width={width}
					height={body}
				/>
			);
		}

		case 'history': {
			return <History {...model.history} now={now} width={width} height={body} />;
		}

		case 'tenant-sources': {
			return <TenantSources {...model.tenantSources} now={now} width={width} height={body} />;
		}

		case 'list': {
			return <List data={list} view={view} state={state} now={now} features={features} width={width} insights={insights} />;
		}
	}
}

/** The screen's bottom area above the footer: a prompt with its messages, a question, a notice; none for some. */
function ScreenBottom({model}: {model: MonitorViewModel}) {
	const {screen, view, width} = model;
	switch (screen) {
		case 'sources': {
			return <SourcesBottom view={view} />;
		}

		case 'history': {
			return (
				<HistoryBottom filtering={view.mode === 'history-filtering'} filter={model.history.picker.store.picker.filter} width={width} />
			);
		}

		case 'tenant-sources': {
			return <TenantSourcesBottom view={view} width={width} />;
		}

		case 'list': {
			return <ListBottom view={view} width={width} />;
		}

		default: {
			return null;
		}
	}
}

/**
 * The monitor screen's one layout: the header, the body (the screen of the current mode), its bottom area and the
 * key footer, in a box the size of the terminal. The spinners step with the monitor's clock (SpinnerClock).
 */
export function DefaultLayout({model}: {model: MonitorViewModel}) {
	const {state, now, width, body, summary} = model;
	const latest = headerAlert(model.view.flashes, now);
	return (
		<SpinnerClock active={model.spinning} animate={model.animate} now={now}>
			<Box flexDirection="column" width={model.columns} height={model.height} overflowY="hidden">
				<Header
					tenantLabel={model.tenantLabel}
					summary={summary}
					now={now}
					width={width}
					authRetryMs={state.options.authRetryMs}
					stalled={model.stalled}
					{...(model.outOfViewMs === undefined ? {} : {outOfViewMs: model.outOfViewMs})}
					{...(latest === undefined
						? {}
						: {alert: {text: latest.flash.text, severity: latest.flash.severity, ...(latest.flash.stalled ? {stalled: true} : {})}})}
					unseen={model.view.events.unseen}
				/>
				<Box flexDirection="column" height={body} flexShrink={0} overflowY="hidden">
					<ScreenMain model={model} />
				</Box>
				<Box flexDirection="column" flexShrink={0}>
					<ScreenBottom model={model} />
					<KeyFooter context={model.keyContext} width={width} />
				</Box>
			</Box>
		</SpinnerClock>
	);
}
