import { contactAdded } from './contactAdded';
import { deliveryStatusChanged } from './deliveryStatusChanged';
import { inboundMessage } from './inboundMessage';
import type { TriggerEvent } from './interfaces';
import { outboxMessageFinished } from './outboxMessageFinished';

/** The trigger's `event` values (a public contract: never rename) and what each one polls. */
export const events: Record<string, TriggerEvent> = {
	inboundMessage,
	outboxMessageFinished,
	deliveryStatusChanged,
	contactAdded,
} as Record<string, TriggerEvent>;
