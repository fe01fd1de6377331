import { browser } from 'wxt/browser';
import { startBackground } from '../lib/background/start';

export default defineBackground({
  // Listeners must be registered synchronously, here, or the worker misses the event
  // that woke it: startBackground registers them all at once.
  main() {
    startBackground(browser);
  },
});
