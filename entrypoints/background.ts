import { browser } from 'wxt/browser';
import { startBackground } from '../lib/background/start';

export default defineBackground({
  // Firefox (MV2): an event page, unloaded when idle and woken by its listeners, as
  // Chrome's MV3 worker is; keeping it resident would hide the bugs a worker has.
  persistent: false,
  // Listeners must be registered synchronously, here, or the worker misses the event
  // that woke it: startBackground registers them all at once.
  main() {
    startBackground(browser);
  },
});
