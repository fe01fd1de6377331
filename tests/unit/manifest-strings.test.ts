import { describe, expect, test } from 'vitest';
import { readCatalog } from '../../lib/i18n/catalog';

// Chrome rejects a manifest whose name is over 75 characters or whose description is
// over 132, in any locale; the stores cut them shorter in listings.
describe('manifest strings fit the browsers\u2019 limits in every locale', () => {
  for (const [locale, areas] of Object.entries(readCatalog())) {
    test(locale, () => {
      expect(areas.manifest?.extName?.length ?? 0).toBeGreaterThan(0);
      expect(areas.manifest!.extName!.length).toBeLessThanOrEqual(75);
      expect(areas.manifest!.extDescription!.length).toBeLessThanOrEqual(132);
    });
  }
});
