// Plain JS so that tests/run.mjs can check for a browser before anything is compiled.
import { existsSync } from 'node:fs';

export const FIREFOX_MISSING = `No Firefox was found for the Firefox browser tests.
Install Debian's build:   sudo apt-get install -y firefox-esr firefox-esr-l10n-zh-cn
or point FIREFOX_PATH at another Firefox (140 or later).`;

export function findFirefox() {
  return [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/lib/firefox-esr/firefox-esr', '/usr/bin/firefox'].find((c) => !!c && existsSync(c));
}
