#!/usr/bin/env node
'use strict';

// node dev/emulator/cli.js [--port 8787] [--host 127.0.0.1] [--delay ms] [--sender-lines n]
// (the delay also comes from IPPANEL_EMULATOR_DELAY_MS)

const { createEmulator, CREDENTIALS } = require('./index');

function parseArgs(argv) {
	const args = { port: 8787, host: '127.0.0.1', delay: undefined, senderLines: undefined };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=');
		const value = inline ?? argv[++i];
		if (flag === '--port') args.port = Number(value);
		else if (flag === '--host') args.host = value;
		else if (flag === '--delay') args.delay = Number(value);
		else if (flag === '--sender-lines') args.senderLines = Number(value);
		else {
			console.error(
				`unknown argument: ${argv[i]}\nusage: node dev/emulator/cli.js [--port 8787] [--host 127.0.0.1] [--delay ms] [--sender-lines n]`,
			);
			process.exit(2);
		}
	}
	return args;
}

async function main() {
	const { port, host, delay, senderLines } = parseArgs(process.argv.slice(2));
	const options = { host };
	if (delay !== undefined) {
		if (!Number.isFinite(delay) || delay < 0) throw new Error('--delay must be a number of milliseconds ≥ 0');
		options.delayMs = delay;
	}
	if (senderLines !== undefined) options.senderLines = senderLines;
	const emulator = createEmulator(options);
	const url = await emulator.start(port);
	console.log(`IPPanel emulator listening on ${url}`);
	console.log(`  API key:  ${CREDENTIALS.apiKey}   (header "Authorization: ${CREDENTIALS.apiKey}", no Bearer)`);
	console.log('  login:    demo / demo-password');
	console.log(`  ga:       ga-user / ga-password   (TOTP secret ${CREDENTIALS.users['ga-user'].totpSecret})`);
	console.log(`  sms:      sms-user / sms-password (OTP ${CREDENTIALS.users['sms-user'].smsOtp})`);
	console.log(`  control:  ${url.replace(/\/v1$/, '')}/__emulator/state`);
	if (emulator.delayMs) console.log(`  delay:    ${emulator.delayMs} ms on every answer`);

	let stopping = false;
	const shutdown = (signal) => {
		if (stopping) return;
		stopping = true;
		emulator.stop().then(() => {
			console.log(`IPPanel emulator stopped (${signal})`);
			process.exit(0);
		});
	};
	process.on('SIGINT', () => shutdown('SIGINT'));
	process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err) => {
	console.error(err.message);
	process.exit(1);
});
