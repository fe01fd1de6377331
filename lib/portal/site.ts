// Where "open the portal" goes. The 2024 static entry page (/certDown2024.html) is known
// from one source only (docs/PORTAL.md); the home page is certain, and the in-page guide leads
// from there to [证书下载] in one click. Being wrong about the entry would cost a 404.
export const PORTAL_HOME = 'http://www.cpta.com.cn/';
export const PORTAL_DOWNLOAD_ENTRY = PORTAL_HOME;
export const PORTAL_DISPLAY = 'www.cpta.com.cn';
