'use strict';
/** Prints the `npm run bench` table: sections of aligned rows; a failed section shows why. */

function pad(text, width, right) {
	const s = String(text);
	return right ? s.padStart(width) : s.padEnd(width);
}

/**
 * sections: [{ title, header: [label, ...columns], rows: [[label, ...cells]], notes: [], error? }]
 * Returns the table as text (also what README "Performance" quotes).
 */
function renderTable(sections) {
	const lines = [];
	for (const section of sections) {
		lines.push('', section.title);
		if (section.error) {
			lines.push(`  FAILED: ${section.error}`);
			continue;
		}
		const all = [section.header, ...section.rows];
		const widths = section.header.map((_, col) => Math.max(...all.map((row) => String(row[col] ?? '').length)));
		for (const [index, row] of all.entries()) {
			const cells = row.map((cell, col) => pad(cell ?? '', widths[col], col > 0));
			lines.push(`  ${cells.join('   ')}`);
			if (index === 0) lines.push(`  ${widths.map((w) => '-'.repeat(w)).join('   ')}`);
		}
		for (const note of section.notes || []) lines.push(`  ${note}`);
	}
	return lines.join('\n');
}

module.exports = { renderTable };
