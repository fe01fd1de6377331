// What changed for the holder, by version: the popup's quiet line after an update
// (lib/popup/WhatsNew.tsx). Only changes a holder would notice belong here; an update
// without an entry shows nothing. Each entry names a string of lib/i18n/<locale>/popup.json.

export interface Change {
  /** The version that brought it (the manifest's version, as package.json gives it). */
  version: string;
  /** Keys of popup.json, one line each. */
  lines: readonly WhatsNewKey[];
}

export type WhatsNewKey = `whatsNew_${string}`;

/** Newest last. */
export const CHANGES: readonly Change[] = [
  { version: '0.2.0', lines: ['whatsNew_0_2_0_welcome', 'whatsNew_0_2_0_dark', 'whatsNew_0_2_0_report'] },
];

/** Compares dotted versions numerically ("0.10.0" after "0.9.1"); a missing part is 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split('.').map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** The changes after `since` up to and including `now`, oldest first. */
export function changesBetween(since: string, now: string, changes: readonly Change[] = CHANGES): Change[] {
  return changes.filter((c) => compareVersions(c.version, since) > 0 && compareVersions(c.version, now) <= 0);
}

/** What the popup keeps to show: the version the holder last saw noted, and the one they have now. */
export interface WhatsNewNote {
  since: string;
  version: string;
}

/** The storage.local key of the note. */
export const WHATS_NEW_KEY = 'whatsNew';

/**
 * What an install event means. `install`: open the welcome page. `update`: a note for the
 * popup when the update brought something a holder would notice (a note not yet dismissed
 * keeps its older start, so nothing is lost across two updates), none otherwise. A browser
 * update, or a shared module's, means nothing to the holder.
 */
export function onInstalledPlan(
  details: { reason: string; previousVersion?: string },
  version: string,
  pending: WhatsNewNote | undefined,
  changes: readonly Change[] = CHANGES,
): { openWelcome: boolean; note: WhatsNewNote | null | undefined } {
  if (details.reason === 'install') return { openWelcome: true, note: undefined };
  if (details.reason !== 'update' || !details.previousVersion) return { openWelcome: false, note: undefined };
  const since = pending && compareVersions(pending.since, details.previousVersion) < 0 ? pending.since : details.previousVersion;
  return { openWelcome: false, note: changesBetween(since, version, changes).length ? { since, version } : null };
}
