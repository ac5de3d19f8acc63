'use strict';

// The smallest XLSX reader and writer that IPPanel's file uploads need, without dependencies:
// a ZIP (stored or deflated entries), the first worksheet and its shared strings.

const zlib = require('node:zlib');

const CRC_TABLE = (() => {
	const table = new Int32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c;
	}
	return table;
})();

function crc32(buffer) {
	let crc = -1;
	for (const byte of buffer) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
	return (crc ^ -1) >>> 0;
}

const isZip = (buffer) => Buffer.isBuffer(buffer) && buffer.length > 22 && buffer.readUInt32LE(0) === 0x04034b50;

/** ZIP entries by name, read through the central directory. Throws on anything it cannot read. */
function unzip(buffer) {
	let eocd = -1;
	for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 65535); i--) {
		if (buffer.readUInt32LE(i) === 0x06054b50) {
			eocd = i;
			break;
		}
	}
	if (eocd < 0) throw new Error('not a zip file');
	const count = buffer.readUInt16LE(eocd + 10);
	let pos = buffer.readUInt32LE(eocd + 16);
	const entries = new Map();
	for (let i = 0; i < count; i++) {
		if (buffer.readUInt32LE(pos) !== 0x02014b50) throw new Error('bad zip central directory');
		const method = buffer.readUInt16LE(pos + 10);
		const compressedSize = buffer.readUInt32LE(pos + 20);
		const nameLength = buffer.readUInt16LE(pos + 28);
		const extraLength = buffer.readUInt16LE(pos + 30);
		const commentLength = buffer.readUInt16LE(pos + 32);
		const localOffset = buffer.readUInt32LE(pos + 42);
		const name = buffer.subarray(pos + 46, pos + 46 + nameLength).toString('utf8');
		const localNameLength = buffer.readUInt16LE(localOffset + 26);
		const localExtraLength = buffer.readUInt16LE(localOffset + 28);
		const start = localOffset + 30 + localNameLength + localExtraLength;
		const data = buffer.subarray(start, start + compressedSize);
		if (method === 0) entries.set(name, Buffer.from(data));
		else if (method === 8) entries.set(name, zlib.inflateRawSync(data));
		else throw new Error(`unsupported zip method ${method}`);
		pos += 46 + nameLength + extraLength + commentLength;
	}
	return entries;
}

const XML_ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(text) {
	return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name) => {
		if (name[0] === '#') {
			const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
			return String.fromCodePoint(code);
		}
		return XML_ENTITIES[name] ?? whole;
	});
}

/** The text of every `<t>` inside a fragment (rich text runs are joined). */
const textOf = (fragment) =>
	[...fragment.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => unescapeXml(m[1])).join('');

/** Column letters → 0-based index: A → 0, Z → 25, AA → 26. */
function columnIndex(letters) {
	let index = 0;
	for (const ch of letters.toUpperCase()) index = index * 26 + (ch.charCodeAt(0) - 64);
	return index - 1;
}

function columnLetters(index) {
	let letters = '';
	for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
	return letters;
}

/** Whole numbers Excel stored as floats (9123456789, 9.123456789E9) come back without exponent. */
function numberText(raw) {
	const n = Number(raw);
	if (!Number.isFinite(n)) return raw;
	return Number.isInteger(n) ? BigInt(n).toString() : String(n);
}

function firstSheetName(entries) {
	if (entries.has('xl/worksheets/sheet1.xml')) return 'xl/worksheets/sheet1.xml';
	const sheets = [...entries.keys()].filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n)).sort();
	if (!sheets.length) throw new Error('no worksheet');
	return sheets[0];
}

/** Rows of the first worksheet as arrays of strings (blank rows dropped, gaps filled with ''). */
function readXlsx(buffer) {
	const entries = unzip(buffer);
	const shared = entries.has('xl/sharedStrings.xml')
		? [...entries.get('xl/sharedStrings.xml').toString('utf8').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => textOf(m[1]))
		: [];
	const sheet = entries.get(firstSheetName(entries)).toString('utf8');
	const rows = [];
	for (const rowMatch of sheet.matchAll(/<row\b[^>]*?(?:\/>|>([\s\S]*?)<\/row>)/g)) {
		const row = [];
		let next = 0;
		for (const cell of (rowMatch[1] || '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
			const attrs = cell[1];
			const body = cell[2] || '';
			const ref = /\br="([A-Z]+)\d+"/i.exec(attrs);
			const col = ref ? columnIndex(ref[1]) : next;
			const type = /\bt="(\w+)"/.exec(attrs)?.[1] || 'n';
			const v = /<v>([\s\S]*?)<\/v>/.exec(body);
			let value = '';
			if (type === 's') value = v ? shared[Number(v[1])] ?? '' : '';
			else if (type === 'inlineStr') value = textOf(body);
			else if (type === 'str' || type === 'e') value = v ? unescapeXml(v[1]) : '';
			else if (type === 'b') value = v ? (v[1] === '1' ? 'TRUE' : 'FALSE') : '';
			else value = v ? numberText(unescapeXml(v[1])) : '';
			while (row.length < col) row.push('');
			row[col] = value;
			next = col + 1;
		}
		if (row.some((cell) => String(cell).trim() !== '')) rows.push(row.map((cell) => cell ?? ''));
	}
	return rows;
}

const escapeXml = (text) =>
	String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** ZIP with deflated entries. `files`: `{ name: string | Buffer }`. */
function zip(files) {
	const locals = [];
	const centrals = [];
	let offset = 0;
	for (const [name, content] of Object.entries(files)) {
		const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
		const packed = zlib.deflateRawSync(data);
		const nameBytes = Buffer.from(name, 'utf8');
		const crc = crc32(data);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(0x0800, 6); // UTF-8 names
		local.writeUInt16LE(8, 8);
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(packed.length, 18);
		local.writeUInt32LE(data.length, 22);
		local.writeUInt16LE(nameBytes.length, 26);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(0x0800, 8);
		central.writeUInt16LE(8, 10);
		central.writeUInt32LE(crc, 16);
		central.writeUInt32LE(packed.length, 20);
		central.writeUInt32LE(data.length, 24);
		central.writeUInt16LE(nameBytes.length, 28);
		central.writeUInt32LE(offset, 42);
		locals.push(local, nameBytes, packed);
		centrals.push(central, nameBytes);
		offset += 30 + nameBytes.length + packed.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(centrals.length / 2, 8);
	end.writeUInt16LE(centrals.length / 2, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, directory, end]);
}

/**
 * A one-sheet XLSX of `rows` (arrays of strings/numbers). Strings go to the shared-string
 * table, numbers stay numbers — the way Excel saves a typed-in phone number.
 */
function writeXlsx(rows) {
	const shared = [];
	const sharedIndex = new Map();
	const cells = rows.map((row, r) => {
		const xml = row.map((value, c) => {
			const ref = `${columnLetters(c)}${r + 1}`;
			if (typeof value === 'number') return `<c r="${ref}"><v>${value}</v></c>`;
			const text = String(value ?? '');
			if (!sharedIndex.has(text)) {
				sharedIndex.set(text, shared.length);
				shared.push(text);
			}
			return `<c r="${ref}" t="s"><v>${sharedIndex.get(text)}</v></c>`;
		});
		return `<row r="${r + 1}">${xml.join('')}</row>`;
	});
	const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
	const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
	return zip({
		'[Content_Types].xml':
			'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
			'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
			'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
			'<Default Extension="xml" ContentType="application/xml"/>' +
			'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
			'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
			'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
			'</Types>',
		'_rels/.rels':
			'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
			'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
			`<Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		'xl/workbook.xml':
			`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${ns}" xmlns:r="${rel}">` +
			'<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
		'xl/_rels/workbook.xml.rels':
			'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
			'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
			`<Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId2" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
		'xl/worksheets/sheet1.xml':
			`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${ns}"><sheetData>${cells.join('')}</sheetData></worksheet>`,
		'xl/sharedStrings.xml':
			`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="${ns}" count="${shared.length}" uniqueCount="${shared.length}">` +
			shared.map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`).join('') +
			'</sst>',
	});
}

module.exports = { readXlsx, writeXlsx, isZip, unzip, columnIndex, columnLetters };
