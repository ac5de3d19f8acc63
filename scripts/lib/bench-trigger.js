'use strict';
/**
 * Part 4 of `npm run bench`: how many API requests one poll of the IPPanel Trigger makes, per
 * event, counted at the emulator. The trigger is polled in-process the way n8n does it
 * (test/trigger/pollRig.ts: n8n-core's PollContext + TriggersAndPollers, static data saved
 * between polls).
 *
 *   activation   the first poll after the workflow is activated (records where to start)
 *   idle         a poll with nothing new and nothing in flight
 *   in flight    a poll with nothing new while `inFlight` sent messages await delivery reports
 *                (finished sends whose recipients have no final status yet)
 */
const { requireProject } = require('./bench-ts');
const { FROM, TEXT } = require('./bench-workflows');

const EVENTS = ['inboundMessage', 'outboxMessageFinished', 'deliveryStatusChanged'];
const IDLE_POLLS = 3;
/** The emulator finishes a send after 5 s; recipients get a final status between 10 and 60 s. */
const FINISH_MS = 6000;

/** The requests one poll made, and how many items it emitted. */
async function countPoll(emulator, rig) {
	await emulator.clearRequests();
	const emitted = await rig.poll();
	return { requests: await emulator.count(), emitted: emitted ? emitted.length : 0 };
}

async function sendDirect(emulator, count) {
	for (let i = 0; i < count; i++) {
		const response = await fetch(`${emulator.baseUrl}/api/send`, {
			method: 'POST',
			headers: { Authorization: emulator.apiKey, 'Content-Type': 'application/json' },
			body: JSON.stringify({
				sending_type: 'webservice',
				from_number: FROM,
				message: TEXT,
				params: { recipients: [`+98918${String(i).padStart(7, '0')}`] },
			}),
		});
		if (!response.ok) throw new Error(`direct send ${i}: HTTP ${response.status}`);
	}
}

async function benchTrigger(emulator, { inFlight = 10 } = {}) {
	const { triggerRig } = requireProject('test/trigger/pollRig.ts');
	const rows = [];
	for (const event of EVENTS) {
		await emulator.reset();
		const rig = triggerRig({ event }, emulator.baseUrl, emulator.apiKey);
		const activation = await countPoll(emulator, rig);
		const idle = [];
		for (let i = 0; i < IDLE_POLLS; i++) idle.push(await countPoll(emulator, rig));

		// Sends that finish and then wait for their delivery reports: the first poll after they
		// finish emits (outbox events); the polls after it are idle again, or re-read recipients.
		await sendDirect(emulator, inFlight);
		await emulator.control('POST', '/advance', { ms: FINISH_MS });
		const catchUp = await countPoll(emulator, rig);
		const waiting = [];
		for (let i = 0; i < IDLE_POLLS; i++) waiting.push(await countPoll(emulator, rig));

		const noisy = [...idle, ...waiting].find((poll) => poll.emitted);
		if (noisy) throw new Error(`${event}: an idle poll emitted ${noisy.emitted} item(s)`);
		rows.push({
			event,
			activation: activation.requests,
			idle: Math.max(...idle.map((p) => p.requests)),
			catchUp: catchUp.requests,
			catchUpEmitted: catchUp.emitted,
			inFlight: Math.max(...waiting.map((p) => p.requests)),
		});
	}
	return { inFlight, rows };
}

module.exports = { benchTrigger };
