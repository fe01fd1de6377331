// The portal's hosts: every cpta.com.cn subdomain and the MOHRSS mirror (docs/PORTAL.md), the
// same set the manifest's host permissions and content-script matches name.

export function isPortalHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return h === 'cpta.com.cn' || h.endsWith('.cpta.com.cn') || h === 'cpta.mohrss.gov.cn';
}

export function isPortalOrigin(origin: string): boolean {
  try {
    const u = new URL(origin);
    return (u.protocol === 'http:' || u.protocol === 'https:') && isPortalHost(u.hostname);
  } catch {
    return false;
  }
}
