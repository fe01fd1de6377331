import { readValidity } from '../lib/portal/readers/validity';
import { VALIDITY_READER_GLOBAL } from '../lib/guide/details';

// Loaded by the content script (lib/guide/details.ts) on an annotation page that shows a
// validity; it runs in the content script's world and leaves the reader on that world's global.
export default defineUnlistedScript(() => {
  (globalThis as Record<string, unknown>)[VALIDITY_READER_GLOBAL] = readValidity;
});
