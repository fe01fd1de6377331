// The guide looks at a page again only after a change it observes (lib/guide/watch.ts).
// An attribute that a reader in lib/portal looks at, but that the observer does not
// watch, could change what recognition says with no one noticing: a button enabled by
// aria-disabled, a field whose type or readonly changes, a control named by its title.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ATTRIBUTES } from '../../../lib/guide/watch';

const PORTAL = join(import.meta.dirname, '../../../lib/portal');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Attributes lib/portal reads: by getAttribute / hasAttribute, or in a selector written as a string. */
function attributesRead(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sources(PORTAL)) {
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/(?:get|has)Attribute\('([a-z-]+)'\)/g)) found.set(m[1]!, file);
    for (const literal of code.matchAll(/'([^'\n]*)'|`([^`\n]*)`/g)) {
      for (const m of (literal[1] ?? literal[2] ?? '').matchAll(/\[([a-z][a-z-]*)(?:[~|^$*]?=[^\]]*)?\]/g)) found.set(m[1]!, file);
    }
  }
  return found;
}

describe('the attributes the guide watches', () => {
  test('hold every attribute lib/portal reads', () => {
    const read = attributesRead();
    // Not vacuous: the readers' own attributes are found.
    for (const name of ['aria-disabled', 'placeholder', 'type', 'colspan', 'readonly']) expect(read.has(name), name).toBe(true);
    for (const [name, file] of read) expect(ATTRIBUTES, `${name} (read in ${file})`).toContain(name);
  });
});
