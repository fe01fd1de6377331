// Plain JS so that tests/run.mjs can check for a browser before anything is compiled.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM_MISSING = `No Chromium was found for the browser tests.
Install Debian's build:   sudo apt-get install -y chromium fonts-wqy-microhei
or point CHROMIUM_PATH at another Chromium or Chrome binary.`;

export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium'];
  try {
    candidates.push(
      execFileSync('dpkg', ['-L', 'chromium'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
        .split('\n')
        .find((l) => l.endsWith('lib/chromium/chromium')),
    );
  } catch {
    // not Debian, or not installed
  }
  candidates.push('/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome');
  return candidates.find((c) => !!c && existsSync(c));
}
