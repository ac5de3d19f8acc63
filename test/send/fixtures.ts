/** What the send tests share: IPPanel answers and a recorder for POST /api/send. */
import nock from 'nock';

import { BASE, ok } from '../harness/answers';

export { BASE, fail, FROM, ok } from '../harness/answers';

/** `count` distinct valid mobiles: 0912 followed by a 7-digit counter. */
export const mobiles = (count: number) => Array.from({ length: count }, (_, index) => `0912${String(index).padStart(7, '0')}`);

/**
 * Answers every POST /api/send like IPPanel (one outbox id per message, one per params entry for
 * peer_to_peer, ids counting up from `firstId`) and records the JSON bodies in order.
 */
export function recordSends(firstId = 5000) {
	const bodies: any[] = [];
	let nextId = firstId;
	nock(BASE)
		.persist()
		.post('/api/send')
		.reply(200, (_uri, body: any) => {
			bodies.push(body);
			const count = body.sending_type === 'peer_to_peer' ? body.params.length : 1;
			return ok({ message_outbox_ids: Array.from({ length: count }, () => nextId++) });
		});
	return { bodies };
}

/** Answers calculate-price with IPPanel's documented example prices, recording the bodies. */
export function recordPrices(price = { mci_price: 2370, other_price: 2503, parts: 1 }) {
	const bodies: any[] = [];
	nock(BASE)
		.persist()
		.post('/api/send/calculate-price')
		.reply(200, (_uri, body: any) => {
			bodies.push(body);
			return ok(price, { message: 'calculate successfully' });
		});
	return bodies;
}

/** A day some days ahead as YYYY-MM-DD (in UTC), for send times inside IPPanel's window. */
export function daysAhead(days: number): string {
	return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
