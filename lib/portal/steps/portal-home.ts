// 首页: the portal's home page. Next: the menu link [证书查验] (older) or [电子证书下载] (newer).
import { firstControl, readPage, type PageView } from '../page';
import { hint, recognised } from '../lines';
import type { RecognitionBase, StepModule } from '../types';

const MENU_LINKS = ['证书查验', '电子证书下载'];
const HOME_PATH = /^\/(?:index\.s?html?)?$/i;

/** The home page: the menu link to certificates, on the home path or under the bare site title. */
export function isPortalHome(view: PageView, url: URL): boolean {
  // Every page of the portal carries the same menu: only the home page is "home".
  return !!firstControl(view, MENU_LINKS) && (HOME_PATH.test(url.pathname) || view.title === '中国人事考试网');
}

export const portalHome: StepModule<RecognitionBase<'portal-home'>> = {
  id: 'portal-home',
  specificity: 10,
  flow: { place: 1 },
  actions: ['action_portal_home'],
  recognise(doc, url, view = readPage(doc, url)) {
    if (!isPortalHome(view, url)) return null;
    const target = firstControl(view, MENU_LINKS);
    return recognised(portalHome, target, 'target_missing_home', {
      actionKey: 'action_portal_home',
      lines: [hint('home_flow'), hint('home_time'), hint('home_ready')],
    });
  },
};
