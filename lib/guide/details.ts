// The readers only some pages need (Details, lib/portal/types.ts), as the content script
// has them: the validity reader (lib/portal/readers/validity.ts, 3 KB gzipped) comes from
// /validity-reader.js (entrypoints/validity-reader.ts) the first time a recognition waits
// for it, on an annotation page that shows a validity, and never on the other pages. Until
// it is there, the step is recognised all the same and marked pending (nothing is recorded
// from it); when it arrives, or fails to, the page is looked at again at once. Without it,
// the step asks the holder instead of guessing.
import type { Details, RecognitionBase } from '../portal/types';
import type { readValidity } from '../portal/readers/validity';
import { isSliced, type Sliced } from '../portal/sliced';

/** Where /validity-reader.js leaves the reader: the content script's own global, which page scripts cannot reach. */
export const VALIDITY_READER_GLOBAL = '__cptaAssistantValidityReader';

/** A recognition, or the work that ends in one when run (a generator that pauses where it may). */
export type Work<R> = R | Sliced<R>;

export interface LazyDetails<T> {
  /** Recognises with the readers loaded so far, and loads those a pending recognition waited for. */
  recognise(doc: Document, url: URL): T;
  /** For the page watcher (WatchOptions.wake): `look` is called when a reader arrives or fails to. */
  wake(look: () => void): void;
}

/**
 * `recognise` reads a page with the readers given; `importScript` is the import of
 * /validity-reader.js, written out in the entry point (entrypoints/content.ts) in the one
 * form Firefox's add-on linter accepts.
 */
export function lazyDetails<T extends Work<RecognitionBase>>(recognise: (doc: Document, url: URL, details: Details) => T, importScript: () => Promise<unknown>): LazyDetails<T> {
  let validity: Details['validity'] = 'loading';
  let requested = false;
  const lookers: (() => void)[] = [];
  const settle = (reader: typeof readValidity | undefined) => {
    validity = reader;
    for (const look of lookers) look();
  };
  const load = () => {
    requested = true;
    importScript().then(
      () => {
        const reader = (globalThis as Record<string, unknown>)[VALIDITY_READER_GLOBAL];
        settle(typeof reader === 'function' ? (reader as typeof readValidity) : undefined);
      },
      // Not loaded (the extension reloaded under the page, a blocked file): asked instead.
      () => settle(undefined),
    );
  };
  const loadIfWaited = (r: RecognitionBase) => {
    if (r.detailsPending && !requested) load();
  };
  return {
    recognise(doc, url) {
      const r = recognise(doc, url, { validity });
      if (!isSliced(r)) {
        loadIfWaited(r);
        return r;
      }
      // Work in slices: the reader is asked for when the pass ends.
      return (function* () {
        const done = yield* r;
        loadIfWaited(done);
        return done;
      })() as T;
    },
    wake(look) {
      lookers.push(look);
    },
  };
}
