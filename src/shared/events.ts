/**
 * Domain events go through one bus. In one process it is in-memory; with PostgreSQL a bridge also carries
 * them over LISTEN/NOTIFY so that every instance hears them (cache purge, live fan-out). Handlers run after
 * the emitting transaction has committed; a failing handler is logged and never fails the emitter.
 */
export interface DomainEvents {
  'article.published': { articleId: number; deskId: number; tagIds: number[]; authorIds: number[] };
  'article.updated': { articleId: number; deskId: number; tagIds: number[]; authorIds: number[]; previousDeskId?: number; previousTagIds?: number[]; previousAuthorIds?: number[] };
  'article.unpublished': { articleId: number; deskId: number; tagIds: number[]; authorIds: number[] };
  'site.changed': { what: string };
  [other: string]: Record<string, unknown>;
}

export type EventName = keyof DomainEvents & string;
export interface BusMessage<K extends EventName = EventName> {
  type: K;
  payload: DomainEvents[K];
  /** Where it came from, so a bridge does not echo its own messages back. */
  origin?: string;
}
export type Handler<K extends EventName> = (payload: DomainEvents[K], msg: BusMessage<K>) => void | Promise<void>;

export interface EventBus {
  publish<K extends EventName>(type: K, payload: DomainEvents[K]): void;
  subscribe<K extends EventName>(type: K | '*', handler: Handler<K>): () => void;
  /** Delivers a message that arrived from another instance to local handlers only. */
  deliverLocal(msg: BusMessage): void;
  /** Called for every locally published message (a bridge forwards these to other instances). */
  onLocalPublish(fn: (msg: BusMessage) => void): () => void;
}

export function createEventBus(onError: (err: unknown, msg: BusMessage) => void = () => {}): EventBus {
  const handlers = new Map<string, Set<Handler<any>>>();
  const forwarders = new Set<(msg: BusMessage) => void>();
  const dispatch = (msg: BusMessage) => {
    for (const key of [msg.type, '*']) {
      for (const h of handlers.get(key) ?? []) {
        try {
          const r = h(msg.payload, msg);
          if (r && typeof (r as Promise<void>).catch === 'function') (r as Promise<void>).catch((e) => onError(e, msg));
        } catch (e) {
          onError(e, msg);
        }
      }
    }
  };
  return {
    publish(type, payload) {
      const msg: BusMessage = { type, payload };
      dispatch(msg);
      for (const f of forwarders) f(msg);
    },
    subscribe(type, handler) {
      let set = handlers.get(type);
      if (!set) handlers.set(type, (set = new Set()));
      set.add(handler as Handler<any>);
      return () => set!.delete(handler as Handler<any>);
    },
    deliverLocal: dispatch,
    onLocalPublish(fn) {
      forwarders.add(fn);
      return () => forwarders.delete(fn);
    },
  };
}
