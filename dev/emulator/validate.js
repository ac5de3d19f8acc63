'use strict';

// Value validators for request fields. Each reports into a FieldErrors under `name`
// (Laravel-style dotted keys such as `params.0.recipients.1`) and returns a usable value.

const { RULES } = require('./messages');
const { isE164 } = require('./recipients');
const { smsInfo, MAX_CHARS, MAX_PARTS } = require('./sms');

const isBlank = (value) => value === undefined || value === null || String(value).trim() === '';
const isPlainObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

function text(value, name, errors) {
	if (isBlank(value) || typeof value === 'object') {
		errors.add(name, RULES.required(name));
		return null;
	}
	const result = String(value);
	if (result.length > MAX_CHARS) errors.add(name, RULES.maxLength(name, MAX_CHARS));
	else if (smsInfo(result).parts > MAX_PARTS) errors.add(name, RULES.maxParts(name, MAX_PARTS));
	return result;
}

function object(value, name, errors) {
	if (value === undefined || value === null) {
		errors.add(name, RULES.required(name));
		return null;
	}
	if (!isPlainObject(value)) {
		errors.add(name, RULES.object(name));
		return null;
	}
	return value;
}

function array(value, name, errors, { max = Infinity, optional = false } = {}) {
	if (value === undefined || value === null || (Array.isArray(value) && !value.length)) {
		if (!optional) errors.add(name, RULES.required(name));
		return [];
	}
	if (!Array.isArray(value)) {
		errors.add(name, RULES.array(name));
		return [];
	}
	if (value.length > max) errors.add(name, RULES.maxItems(name, max));
	return value;
}

/** E.164 numbers (`+` and digits); `exactlyOne` for pattern and votp sends. */
function recipients(value, name, errors, { exactlyOne = false, optional = false } = {}) {
	const list = array(value, name, errors, { optional });
	if (exactlyOne && list.length > 1) errors.add(name, RULES.oneRecipient(name));
	list.forEach((number, i) => {
		if (!isE164(number)) errors.add(`${name}.${i}`, RULES.format(`${name}.${i}`));
	});
	return list.map(String);
}

function integer(value, name, errors) {
	if (isBlank(value)) {
		errors.add(name, RULES.required(name));
		return null;
	}
	if (!/^\d+$/.test(String(value))) {
		errors.add(name, RULES.integer(name));
		return null;
	}
	return Number(value);
}

/** Optional whole number (number or digit string) within bounds; null when absent or bad. */
function optionalInteger(value, name, errors, { min = 0, max = Infinity } = {}) {
	if (isBlank(value)) return null;
	if (!/^\d+$/.test(String(value).trim())) {
		errors.add(name, RULES.integer(name));
		return null;
	}
	const n = Number(value);
	if (n < min || n > max) {
		errors.add(name, max === Infinity ? RULES.atLeast(name, min) : RULES.between(name, min, max));
		return null;
	}
	return n;
}

/** Optional string of at most `max` characters. */
function optionalString(value, name, errors, { max = 255 } = {}) {
	if (value === undefined || value === null) return '';
	if (typeof value === 'object') {
		errors.add(name, RULES.format(name));
		return '';
	}
	const result = String(value);
	if (result.length > max) errors.add(name, RULES.maxLength(name, max));
	return result;
}

module.exports = { isBlank, isPlainObject, text, object, array, recipients, integer, optionalInteger, optionalString };
