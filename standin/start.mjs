// `npm start`: builds the extension and says how to load it. (The stand-in portal
// and the guided walk through it arrive with issue 6.)
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const r = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
console.log(`
Built:
  Chrome / Edge: ${resolve('.output/chrome-mv3')}
  Firefox:       ${resolve('.output/firefox-mv2')}
Chrome/Edge: open chrome://extensions (edge://extensions), turn on Developer mode,
  "Load unpacked", choose the chrome-mv3 folder.
Firefox: open about:debugging#/runtime/this-firefox, "Load Temporary Add-on",
  choose .output/firefox-mv2/manifest.json.`);
