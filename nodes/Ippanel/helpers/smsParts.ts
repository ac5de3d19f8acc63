import type { INode } from 'n8n-workflow';

import { parameterError, type ParameterAt } from './errors';
import { asText } from './parameters';

/** IPPanel's ceiling for one message text (README). */
export const MAX_MESSAGE_CHARACTERS = 1400;
export const MAX_MESSAGE_PARTS = 20;

/** The GSM 03.38 default alphabet; the extension characters below take two units each. */
const GSM_BASIC = new Set(
	'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM_EXTENSION = new Set('^{}\\[~]|€\f');

export interface PartsEstimate {
	encoding: 'GSM-7' | 'UCS-2';
	/** Characters as people count them (code points). */
	characters: number;
	parts: number;
}

/**
 * How many SMS parts a text takes: GSM-7 160 in one part, 153 per part when longer; any other
 * character (Persian) makes it UCS-2, 70 / 67. An estimate: IPPanel's calculate-price is authoritative.
 */
export function countParts(text: string): PartsEstimate {
	const characters = [...text].length;
	let gsmUnits = 0;
	let gsm = true;
	for (const char of text) {
		if (GSM_BASIC.has(char)) gsmUnits += 1;
		else if (GSM_EXTENSION.has(char)) gsmUnits += 2;
		else {
			gsm = false;
			break;
		}
	}
	if (gsm) return { encoding: 'GSM-7', characters, parts: gsmUnits <= 160 ? 1 : Math.ceil(gsmUnits / 153) };
	const units = text.length; // UTF-16 code units: an emoji takes two
	return { encoding: 'UCS-2', characters, parts: units <= 70 ? 1 : Math.ceil(units / 67) };
}

/** The parts estimate of a message text, after checking it is not empty and not over IPPanel's limits. */
export function checkMessage(node: INode, text: unknown, at: ParameterAt): PartsEstimate {
	const message = asText(node, text, at);
	if (!message.trim()) {
		throw parameterError(
			node,
			at,
			'The message is empty',
			'Write the text to send. If it comes from an expression, check that the field it reads exists.',
		);
	}
	const estimate = countParts(message);
	if (estimate.characters > MAX_MESSAGE_CHARACTERS || estimate.parts > MAX_MESSAGE_PARTS) {
		throw parameterError(
			node,
			at,
			`The message is too long: ${estimate.characters} characters, ${estimate.parts} parts`,
			`IPPanel takes at most ${MAX_MESSAGE_CHARACTERS} characters or ${MAX_MESSAGE_PARTS} parts (Persian text: 67 characters per part when longer than 70, Latin: 153 per part when longer than 160). Shorten the text.`,
		);
	}
	return estimate;
}
