// 服务须知: shown on the first login. Next: [同意].
import { findLabel, firstControl, readPage } from '../page';
import { recognised } from '../lines';
import type { RecognitionBase, StepModule } from '../types';

const AGREE = ['同意', '我同意', '同意并继续', '已阅读并同意'];

export const serviceTerms: StepModule<RecognitionBase<'service-terms'>> = {
  id: 'service-terms',
  specificity: 40,
  flow: { place: 4 },
  actions: ['action_service_terms'],
  recognise(doc, url, view = readPage(doc, url)) {
    const heading = findLabel(view, /服务须知/) ?? (view.title.includes('服务须知') ? view.blocks[0] : undefined);
    if (!heading) return null;
    const target = firstControl(view, AGREE, { enabledOnly: true });
    if (!target) return null;
    return recognised(serviceTerms, target, 'target_missing_agree', { actionKey: 'action_service_terms', lines: [] });
  },
};
