// Frozen copy of lib/portal as it was before the recognition was made fast (2026-12-02):
// the oracle that tests/unit/portal/equivalence.test.ts compares the fast path with. Do not edit.
// 服务须知: shown on the first login. Next: [同意].
import { findLabel, firstControl, readPage } from '../page';
import { recognised } from '../lines';
import type { StepModule } from '../types';

export const examples = ['service-terms/terms-table-input.html', 'service-terms/terms-div-button.html'] as const;

const AGREE = ['同意', '我同意', '同意并继续', '已阅读并同意'];

export const serviceTerms: StepModule = {
  id: 'service-terms',
  examples,
  recognise(doc, url, view = readPage(doc, url)) {
    const heading = findLabel(view, /服务须知/) ?? (view.title.includes('服务须知') ? view.blocks[0] : undefined);
    if (!heading) return null;
    const target = firstControl(view, AGREE, { enabledOnly: true });
    if (!target) return null;
    return recognised('service-terms', target, 'target_missing_agree', { actionKey: 'action_service_terms', lines: [] });
  },
};
