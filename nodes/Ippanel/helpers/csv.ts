/**
 * Rows of a CSV text (RFC 4180: quoted cells may hold commas, new lines and doubled quotes).
 * Blank lines are dropped; a leading byte order mark is ignored.
 */
export function parseCsv(text: string): string[][] {
	const source = text.replace(/^\uFEFF/, '');
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	const endRow = () => {
		row.push(cell);
		if (row.some((value) => value.trim() !== '')) rows.push(row);
		row = [];
		cell = '';
	};
	for (let index = 0; index < source.length; index++) {
		const char = source[index];
		if (quoted) {
			if (char !== '"') cell += char;
			else if (source[index + 1] === '"') cell += source[++index];
			else quoted = false;
		} else if (char === '"' && cell.trim() === '') {
			quoted = true;
			cell = '';
		} else if (char === ',') {
			row.push(cell);
			cell = '';
		} else if (char === '\n' || char === '\r') {
			if (char === '\r' && source[index + 1] === '\n') index++;
			endRow();
		} else {
			cell += char;
		}
	}
	if (cell !== '' || row.length) endRow();
	return rows;
}
