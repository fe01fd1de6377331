// The guide's side of runtime messaging: plain objects out (the background validates
// them), never a throw back. After an extension update the old content script's
// context is invalidated; that is reported once, quietly, so the guide can stand down.
// Types only from lib/messages.ts: what may be sent and what comes back, checked at
// compile time, with no zod in the content script.
import type { Answer, MessageOf, MessageType } from '../messages';

/** Sends one message; its answer is typed by its type (lib/messages.ts `Replies`). */
export type Send = <T extends MessageType>(message: MessageOf<T>) => Promise<Answer<T>>;

export interface RuntimeLike {
  readonly id?: string;
  sendMessage(message: unknown): Promise<unknown>;
  /** Messages from the extension itself (its background relays between frames). */
  onMessage?: {
    addListener(listener: (message: unknown) => void): void;
    removeListener(listener: (message: unknown) => void): void;
  };
}

/**
 * Listens to the extension's messages. A content script's runtime.onMessage hears only its
 * own extension (the background, its pages), never a page script.
 */
export function createListen(runtime: () => RuntimeLike | undefined) {
  return (handler: (message: unknown) => void): (() => void) => {
    const events = runtime()?.onMessage;
    if (!events) return () => {};
    // Answers nothing: the relays want no reply.
    const listener = (message: unknown) => {
      try {
        handler(message);
      } catch {
        // One bad message never stops the guide.
      }
    };
    events.addListener(listener);
    return () => {
      try {
        events.removeListener(listener);
      } catch {
        // The context may be gone.
      }
    };
  };
}

export function isInvalidatedError(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /context invalidated|Extension context|message port closed|Could not establish connection|Receiving end does not exist/i.test(text);
}

export function createSend(runtime: () => RuntimeLike | undefined, onInvalidated: () => void): Send {
  let dead = false;
  return async <T extends MessageType>(message: MessageOf<T>): Promise<Answer<T>> => {
    if (dead) return undefined;
    try {
      const rt = runtime();
      if (!rt?.id) throw new Error('Extension context invalidated.');
      // The one place an answer's type is taken on trust: it comes from this extension's
      // own background, whose handlers are typed by the same map (lib/background/router.ts).
      return (await rt.sendMessage(message)) as Answer<T>;
    } catch (error) {
      if (/context invalidated/i.test(error instanceof Error ? error.message : String(error))) {
        dead = true;
        onInvalidated();
      }
      return undefined;
    }
  };
}
