#!/usr/bin/env node
'use strict';

// node dev/emulator/cli.js [--port 8787] [--host 127.0.0.1]

const { createEmulator, CREDENTIALS } = require('./index');

function parseArgs(argv) {
	const args = { port: 8787, host: '127.0.0.1' };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=');
		const value = inline ?? argv[++i];
		if (flag === '--port') args.port = Number(value);
		else if (flag === '--host') args.host = value;
		else {
			console.error(`unknown argument: ${argv[i]}\nusage: node dev/emulator/cli.js [--port 8787] [--host 127.0.0.1]`);
			process.exit(2);
		}
	}
	return args;
}

async function main() {
	const { port, host } = parseArgs(process.argv.slice(2));
	const emulator = createEmulator({ host });
	const url = await emulator.start(port);
	console.log(`IPPanel emulator listening on ${url}`);
	console.log(`  API key:  ${CREDENTIALS.apiKey}   (header "Authorization: ${CREDENTIALS.apiKey}", no Bearer)`);
	console.log('  login:    demo / demo-password');
	console.log(`  ga:       ga-user / ga-password   (TOTP secret ${CREDENTIALS.users['ga-user'].totpSecret})`);
	console.log(`  sms:      sms-user / sms-password (OTP ${CREDENTIALS.users['sms-user'].smsOtp})`);
	console.log(`  control:  ${url.replace(/\/v1$/, '')}/__emulator/state`);

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
