// 证书查验 / 电子证书下载: the page the home menu opens. Next: [证书下载] or
// [持证人查询下载（含电子证书、电子文件下载）].
import { controlsNamed, firstControlWhere, pageMentions, readPage } from '../page';
import { recognised } from '../lines';
import { controlKey } from '../text';
import type { RecognitionBase, StepModule } from '../types';
import { isPortalHome } from './portal-home';

const ENTRY_LINKS = ['证书下载', '持证人查询下载（含电子证书、电子文件下载）'];
const HOLDER_LINK = controlKey('持证人查询下载');
const CONTEXT = /证书查验|证书下载及查验|电子证书下载|证书下载/;

export const certEntry: StepModule<RecognitionBase<'cert-entry'>> = {
  id: 'cert-entry',
  specificity: 20,
  flow: { place: 2 },
  actions: ['action_cert_entry'],
  recognise(doc, url, view = readPage(doc, url)) {
    const target =
      controlsNamed(view, ENTRY_LINKS)[0] ?? firstControlWhere(view, (key) => key.startsWith(HOLDER_LINK));
    if (!target) return null;
    // A quick link [证书下载] on the home page does not make it the entry page.
    if (isPortalHome(view, url)) return null;
    if (!pageMentions(view, CONTEXT) && !/^\/cert\w*\.html?$/i.test(url.pathname)) return null;
    return recognised(certEntry, target, 'target_missing_entry', { actionKey: 'action_cert_entry', lines: [] });
  },
};
