'use strict';

const { STATUS_CODES } = require('node:http');

const MAX_BODY_BYTES = 64 * 1024 * 1024;

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) reject(new Error('body too large'));
			else chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/**
 * `body`: parsed JSON, `{ fields, files }` for multipart, or null (empty or unparsable;
 * `invalid` tells the two apart).
 */
function parseBody(headers, raw) {
	if (!raw.length) return { body: null, multipart: false, invalid: false };
	const type = String(headers['content-type'] || '');
	if (/^multipart\/form-data/i.test(type)) {
		const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(type);
		const body = boundary ? parseMultipart(raw, boundary[1] || boundary[2]) : null;
		return { body, multipart: Boolean(body), invalid: !body };
	}
	try {
		return { body: JSON.parse(raw.toString('utf8')), multipart: false, invalid: false };
	} catch {
		return { body: null, multipart: false, invalid: true };
	}
}

/** multipart/form-data → `{ fields, files: [{ field, filename, contentType, content }] }`, or null. */
function parseMultipart(raw, boundary) {
	const delimiter = Buffer.from(`--${boundary}`);
	const fields = {};
	const files = [];
	let pos = raw.indexOf(delimiter);
	if (pos < 0) return null;
	for (;;) {
		pos += delimiter.length;
		if (raw.subarray(pos, pos + 2).toString() === '--') return { fields, files };
		const headerEnd = raw.indexOf('\r\n\r\n', pos);
		const next = headerEnd < 0 ? -1 : raw.indexOf(delimiter, headerEnd + 4);
		if (next < 0) return null;
		const part = partHeaders(raw.subarray(pos + 2, headerEnd).toString('utf8'));
		const content = raw.subarray(headerEnd + 4, next - 2); // drop the CRLF before the delimiter
		if (part.filename !== undefined) {
			files.push({
				field: part.name,
				filename: part.filename,
				contentType: part.contentType || 'application/octet-stream',
				content: Buffer.from(content),
			});
		} else {
			addField(fields, part.name, content.toString('utf8'));
		}
		pos = next;
	}
}

function partHeaders(text) {
	const disposition = /content-disposition:([^\r\n]*)/i.exec(text)?.[1] || '';
	return {
		name: /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? '',
		filename: /\bfilename="([^"]*)"/i.exec(disposition)?.[1],
		contentType: /content-type:\s*([^\r\n]*)/i.exec(text)?.[1]?.trim(),
	};
}

/** Repeated names (`files[]`, `other_recipients[]`) become arrays. */
function addField(fields, name, value) {
	if (!(name in fields)) fields[name] = value;
	else fields[name] = [].concat(fields[name], value);
}

/** reply: `{ status, body }` (JSON) or `{ status, raw, contentType }`, plus optional `headers`. */
function writeReply(res, reply) {
	if (res.destroyed || res.headersSent) return;
	const payload = reply.raw !== undefined ? String(reply.raw) : JSON.stringify(reply.body);
	res.writeHead(reply.status, {
		'content-type': reply.contentType || 'application/json; charset=utf-8',
		'content-length': Buffer.byteLength(payload),
		...reply.headers,
	});
	res.end(payload);
}

/** The page nginx shows when the upstream is down. */
function nginxPage(status) {
	const title = `${status} ${STATUS_CODES[status] || 'Error'}`;
	return (
		`<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n` +
		`<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`
	);
}

module.exports = { readBody, parseBody, writeReply, nginxPage };
