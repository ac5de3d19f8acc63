/**
 * Saved workflows hold parameter names, option values and defaults. baseline.json is the
 * nodes' and credential's descriptions as released; the built code must still offer every
 * parameter (by its path, for each resource/operation it is shown on) with the same type,
 * default and display conditions, and every option value. New ones may be added freely.
 */
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

import { IppanelApi } from '../../dist/credentials/IppanelApi.credentials';
import { Ippanel } from '../../dist/nodes/Ippanel/Ippanel.node';
import { IppanelTrigger } from '../../dist/nodes/IppanelTrigger/IppanelTrigger.node';
import baseline from './baseline.json';

interface Saved {
	type: string;
	default: unknown;
	/** Display conditions other than resource/operation (those are part of the key). */
	displayOptions: unknown;
	loadOptionsMethod?: unknown;
	multipleValues?: unknown;
	/** Option values of options / multiOptions parameters. */
	values?: unknown[];
}

type Show = Record<string, unknown[] | undefined>;

/** The resource/operation pairs a top-level parameter is shown for ('*' where it does not narrow). */
function scopesOf(property: INodeProperties): string[] {
	const show = (property.displayOptions?.show ?? {}) as Show;
	const resources = show.resource ?? ['*'];
	const operations = show.operation ?? ['*'];
	return resources.flatMap((resource) => operations.map((operation) => `${String(resource)}/${String(operation)}`));
}

function otherConditions(property: INodeProperties): unknown {
	if (!property.displayOptions) return undefined;
	const { show, ...rest } = property.displayOptions;
	const { resource: _resource, operation: _operation, ...otherShow } = (show ?? {}) as Show;
	const conditions = { ...rest, ...(Object.keys(otherShow).length ? { show: otherShow } : {}) };
	return Object.keys(conditions).length ? conditions : undefined;
}

function flatten(properties: INodeProperties[], prefix: string, scopes: string[] | undefined, into: Map<string, Saved>) {
	for (const property of properties) {
		const path = `${prefix}${property.name}`;
		const saved: Saved = {
			type: property.type,
			default: property.default,
			displayOptions: otherConditions(property),
			loadOptionsMethod: property.typeOptions?.loadOptionsMethod,
			multipleValues: property.typeOptions?.multipleValues,
		};
		if (property.type === 'options' || property.type === 'multiOptions') {
			saved.values = ((property.options ?? []) as INodePropertyOptions[]).map((option) => option.value);
		}
		const own = scopes ?? scopesOf(property);
		for (const scope of own) into.set(`${scope} ${path}`, saved);
		if (property.type === 'collection') flatten((property.options ?? []) as INodeProperties[], `${path}.`, own, into);
		if (property.type === 'fixedCollection') {
			for (const group of (property.options ?? []) as INodePropertyCollection[]) {
				flatten(group.values, `${path}.${group.name}.`, own, into);
			}
		}
	}
	return into;
}

const flat = (properties: unknown) => flatten(properties as INodeProperties[], '', undefined, new Map());

function expectKept(before: Map<string, Saved>, after: Map<string, Saved>) {
	const missing: string[] = [];
	const changed: string[] = [];
	for (const [key, was] of before) {
		const now = after.get(key);
		if (!now) {
			missing.push(key);
			continue;
		}
		const { values: wasValues, ...wasRest } = was;
		const { values: nowValues, ...nowRest } = now;
		const lostValues = (wasValues ?? []).filter((value) => !(nowValues ?? []).includes(value));
		if (JSON.stringify(wasRest) !== JSON.stringify(nowRest) || lostValues.length) {
			changed.push(`${key}: was ${JSON.stringify(was)}, now ${JSON.stringify(now)}`);
		}
	}
	expect({ missing, changed }).toEqual({ missing: [], changed: [] });
}

describe('saved workflows keep working: the descriptions keep every released name', () => {
	test('the IPPanel node keeps every parameter, option value, default and display condition', () => {
		const before = flat(baseline.ippanel.properties);
		expect(before.size).toBeGreaterThan(100); // the flattening reads the baseline at all
		expectKept(before, flat(new Ippanel().description.properties));
	});

	test('the IPPanel Trigger keeps every parameter, event value and default', () => {
		expectKept(flat(baseline.ippanelTrigger.properties), flat(new IppanelTrigger().description.properties));
	});

	test('the credential keeps every field, its type, default and display condition', () => {
		expectKept(flat(baseline.ippanelApi.properties), flat(new IppanelApi().properties));
	});

	test('type names, versions, credentials and tool use stay the same', () => {
		const pick = ({ name, version, credentials, polling, usableAsTool }: Record<string, unknown>) => ({
			name,
			version,
			credentials,
			polling,
			usableAsTool,
		});
		expect(pick(new Ippanel().description as never)).toEqual(pick(baseline.ippanel));
		expect(pick(new IppanelTrigger().description as never)).toEqual(pick(baseline.ippanelTrigger));
		expect(new IppanelApi().name).toBe(baseline.ippanelApi.name);
	});

	test('the comparison fails when a parameter or an option value is gone', () => {
		const properties = structuredClone(baseline.ippanel.properties) as INodeProperties[];
		const resource = properties.find((property) => property.name === 'resource')!;
		resource.options = (resource.options as INodePropertyOptions[]).filter((option) => option.value !== 'pattern');
		const before = flat(baseline.ippanel.properties);
		expect(() => expectKept(before, flat(properties))).toThrow();
		expect(() => expectKept(before, flat(properties.filter((property) => property.name !== 'bulkId')))).toThrow();
	});
});
