import { decodeBase32, totp } from '../../dist/credentials/totp';

// RFC 6238 appendix B, SHA1 rows: the seed is the ASCII string "12345678901234567890".
const RFC_SEED = Buffer.from('12345678901234567890', 'ascii');
const RFC_VECTORS: Array<[number, string]> = [
	[59, '94287082'],
	[1111111109, '07081804'],
	[1111111111, '14050471'],
	[1234567890, '89005924'],
	[2000000000, '69279037'],
	[20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
	test.each(RFC_VECTORS)('at %i s the 8-digit SHA1 code is %s', (seconds, code) => {
		expect(totp(RFC_SEED, seconds * 1000, { digits: 8 })).toBe(code);
	});

	test('6-digit codes are the last six digits (what authenticator apps show)', () => {
		expect(totp(RFC_SEED, 59_000)).toBe('287082');
	});

	test('base32 secrets decode as authenticator apps write them', () => {
		expect(decodeBase32('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ').toString('ascii')).toBe('12345678901234567890');
		expect(decodeBase32('gezd gnbv-gy3t qojq gezd gnbv gy3t qojq====').toString('ascii')).toBe('12345678901234567890');
	});

	test('a secret with characters outside base32 is refused', () => {
		expect(() => decodeBase32('ABC1!')).toThrow(/not valid base32/);
	});
});
