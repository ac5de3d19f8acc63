import { createHmac } from 'crypto';

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Decodes an RFC 4648 base32 secret, as authenticator apps show it (spaces, dashes, lower case and padding allowed). */
export function decodeBase32(secret: string): Buffer {
	const clean = secret.replace(/[\s-]/g, '').replace(/=+$/, '').toUpperCase();
	let bits = 0;
	let value = 0;
	const bytes: number[] = [];
	for (const char of clean) {
		const index = BASE32_ALPHABET.indexOf(char);
		if (index === -1) {
			throw new Error('The TOTP secret is not valid base32 (letters A-Z and digits 2-7)');
		}
		value = (value << 5) | index;
		bits += 5;
		if (bits >= 8) {
			bytes.push((value >>> (bits - 8)) & 0xff);
			bits -= 8;
		}
	}
	return Buffer.from(bytes);
}

/**
 * RFC 6238 time-based one-time password (HMAC-SHA1 by default, as Google Authenticator uses).
 * `key` is the raw secret; `timeMs` the moment the code is for.
 */
export function totp(
	key: Buffer,
	timeMs: number,
	{ digits = 6, stepSeconds = 30, algorithm = 'sha1' } = {},
): string {
	const counter = Math.floor(timeMs / 1000 / stepSeconds);
	const message = Buffer.alloc(8);
	message.writeBigUInt64BE(BigInt(counter));
	const hmac = createHmac(algorithm, key).update(message).digest();
	// RFC 4226 dynamic truncation
	const offset = hmac[hmac.length - 1] & 0x0f;
	const binary = hmac.readUInt32BE(offset) & 0x7fffffff;
	return String(binary % 10 ** digits).padStart(digits, '0');
}
