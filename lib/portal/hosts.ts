// The portal's hosts: every cpta.com.cn subdomain and the MOHRSS mirror (docs/PORTAL.md).
// Named once, here, as match patterns: the manifest's host permissions and the page
// report's resource (wxt.config.ts), the content script's matches (entrypoints/content.ts),
// the host checks below, where a reminder's click looks for a portal tab
// (lib/background/reminders/notify.ts) and the Privacy section (lib/options/PrivacySection.tsx).
export const PORTAL_MATCHES = ['*://*.cpta.com.cn/*', '*://cpta.com.cn/*', '*://cpta.mohrss.gov.cn/*'];

/** The host part of each pattern: `*.d` is d and its subdomains, `d` is d alone. */
const HOST_PATTERNS = PORTAL_MATCHES.map((m) => m.slice('*://'.length, -'/*'.length));

export function isPortalHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return HOST_PATTERNS.some((p) => (p.startsWith('*.') ? h === p.slice(2) || h.endsWith(p.slice(1)) : h === p));
}

/** The hosts as a person reads them: "*.cpta.com.cn, cpta.mohrss.gov.cn" (a bare domain under a wildcard is not repeated). */
export function portalHostsInWords(): string {
  return HOST_PATTERNS.filter((p) => !HOST_PATTERNS.includes(`*.${p}`)).join(', ');
}

export function isPortalOrigin(origin: string): boolean {
  try {
    const u = new URL(origin);
    return (u.protocol === 'http:' || u.protocol === 'https:') && isPortalHost(u.hostname);
  } catch {
    return false;
  }
}
