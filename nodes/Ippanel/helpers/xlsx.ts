import { inflateRaw } from './inflate';

/**
 * The smallest XLSX reader IPPanel's file sends need, without dependencies: the ZIP container
 * (stored or deflated entries, read through its central directory, inflated by ./inflate),
 * the first worksheet's XML and its shared strings. Enough to check numbers and count rows
 * before a file is uploaded; the file itself is uploaded unchanged.
 */

export class NotASpreadsheetError extends Error {}

/** A ZIP local file header starts every XLSX. */
export function looksLikeZip(data: Buffer): boolean {
	return data.length > 22 && data.readUInt32LE(0) === 0x04034b50;
}

/** The inflated entry, or undefined when its data is damaged. */
function inflateEntry(data: Buffer, size: number): Buffer | undefined {
	try {
		return inflateRaw(data, size);
	} catch {
		return undefined;
	}
}

/** Entries by name, read only for the names `wanted` accepts. */
function unzip(buffer: Buffer, wanted: (name: string) => boolean): Map<string, Buffer> {
	let eocd = -1;
	for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 65535); i--) {
		if (buffer.readUInt32LE(i) === 0x06054b50) {
			eocd = i;
			break;
		}
	}
	if (eocd < 0) throw new NotASpreadsheetError('it is not a ZIP container (no end of central directory)');
	const count = buffer.readUInt16LE(eocd + 10);
	let position = buffer.readUInt32LE(eocd + 16);
	const entries = new Map<string, Buffer>();
	for (let i = 0; i < count; i++) {
		if (position + 46 > buffer.length || buffer.readUInt32LE(position) !== 0x02014b50) {
			throw new NotASpreadsheetError('its ZIP central directory is damaged');
		}
		const method = buffer.readUInt16LE(position + 10);
		const compressedSize = buffer.readUInt32LE(position + 20);
		const size = buffer.readUInt32LE(position + 24);
		const nameLength = buffer.readUInt16LE(position + 28);
		const extraLength = buffer.readUInt16LE(position + 30);
		const commentLength = buffer.readUInt16LE(position + 32);
		const localOffset = buffer.readUInt32LE(position + 42);
		const name = buffer.subarray(position + 46, position + 46 + nameLength).toString('utf8');
		position += 46 + nameLength + extraLength + commentLength;
		if (!wanted(name)) continue;
		if (localOffset + 30 > buffer.length) throw new NotASpreadsheetError(`its ZIP entry ${name} is cut off`);
		const start = localOffset + 30 + buffer.readUInt16LE(localOffset + 26) + buffer.readUInt16LE(localOffset + 28);
		const data = buffer.subarray(start, start + compressedSize);
		if (method === 0) entries.set(name, Buffer.from(data));
		else if (method === 8) {
			const inflated = inflateEntry(data, size);
			if (!inflated) throw new NotASpreadsheetError(`its ZIP entry ${name} cannot be inflated`);
			entries.set(name, inflated);
		} else throw new NotASpreadsheetError(`its ZIP entry ${name} uses compression method ${method}`);
	}
	return entries;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(text: string): string {
	return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
		if (name.startsWith('#')) {
			const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
			return String.fromCodePoint(code);
		}
		return XML_ENTITIES[name] ?? whole;
	});
}

/** The text of every `<t>` in a fragment (rich-text runs joined). */
function textOf(fragment: string): string {
	return [...fragment.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((match) => unescapeXml(match[1])).join('');
}

/** Column letters to a 0-based index: A → 0, Z → 25, AA → 26. */
export function columnIndex(letters: string): number {
	let index = 0;
	for (const character of letters.toUpperCase()) index = index * 26 + (character.charCodeAt(0) - 64);
	return index - 1;
}

/** Whole numbers Excel stores as floats (9123456789 or 9.123456789E9) come back as plain digits. */
function numberText(raw: string): string {
	const number = Number(raw);
	if (!Number.isFinite(number)) return raw;
	return Number.isInteger(number) ? BigInt(number).toString() : String(number);
}

/**
 * The rows of the first worksheet, as arrays of cell texts (gaps filled with ''), and the 1-based
 * sheet row number of each (blank rows are dropped, so errors still name the row Excel shows).
 */
export function readXlsx(buffer: Buffer): { rows: string[][]; rowNumbers: number[] } {
	if (!looksLikeZip(buffer)) throw new NotASpreadsheetError('it is not an XLSX file (no ZIP header)');
	const entries = unzip(buffer, (name) => name === 'xl/sharedStrings.xml' || /^xl\/worksheets\/[^/]+\.xml$/.test(name));
	const sheets = [...entries.keys()].filter((name) => name.startsWith('xl/worksheets/')).sort();
	const sheetName = entries.has('xl/worksheets/sheet1.xml') ? 'xl/worksheets/sheet1.xml' : sheets[0];
	if (!sheetName) throw new NotASpreadsheetError('it holds no worksheet (a ZIP, but not a spreadsheet)');
	const sharedXml = entries.get('xl/sharedStrings.xml')?.toString('utf8') ?? '';
	const shared = [...sharedXml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((match) => textOf(match[1]));
	const sheet = entries.get(sheetName)!.toString('utf8');
	const rows: string[][] = [];
	const rowNumbers: number[] = [];
	let nextRow = 1;
	for (const rowMatch of sheet.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
		const rowNumber = Number(/\br="(\d+)"/.exec(rowMatch[1])?.[1] ?? nextRow);
		nextRow = rowNumber + 1;
		const row: string[] = [];
		let nextColumn = 0;
		for (const cell of (rowMatch[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
			const attributes = cell[1];
			const body = cell[2] ?? '';
			const reference = /\br="([A-Z]+)\d+"/i.exec(attributes);
			const column = reference ? columnIndex(reference[1]) : nextColumn;
			const type = /\bt="(\w+)"/.exec(attributes)?.[1] ?? 'n';
			const value = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
			let text = '';
			if (type === 's') text = value === undefined ? '' : (shared[Number(value)] ?? '');
			else if (type === 'inlineStr') text = textOf(body);
			else if (type === 'str' || type === 'e') text = value === undefined ? '' : unescapeXml(value);
			else if (type === 'b') text = value === '1' ? 'TRUE' : value === undefined ? '' : 'FALSE';
			else text = value === undefined ? '' : numberText(unescapeXml(value));
			while (row.length < column) row.push('');
			row[column] = text;
			nextColumn = column + 1;
		}
		if (row.some((cell) => cell.trim() !== '')) {
			rows.push(row);
			rowNumbers.push(rowNumber);
		}
	}
	return { rows, rowNumbers };
}
