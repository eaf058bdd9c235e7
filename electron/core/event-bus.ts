import type { EventName } from '../../shared/channel-names';
import type { EventPayload } from '../../shared/contract';

export type EventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/**
 * Core → transports. Services publish after their transaction commits, so a listener never
 * hears of a change that was rolled back.
 */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  /** `onListenerError`: where a failing listener is reported (the core passes its logger). */
  constructor(private readonly onListenerError: (message: string, error: unknown) => void = (message, error) => console.error(message, error)) {}

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) {
      try {
        listener(name, payload);
      } catch (error) {
        // One broken transport must not stop the others from hearing the event.
        this.onListenerError(`deskwatch: event listener failed on ${name}`, error);
      }
    }
  }
}
