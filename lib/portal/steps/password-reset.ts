// 找回密码: a trial step. Next: [重置密码].
import { findLabel, firstControl, readPage } from '../page';
import { hint, recognised } from '../lines';
import type { RecognitionBase, StepModule } from '../types';

export const examples = ['password-reset/reset-table.html', 'password-reset/reset-div.html'] as const;

export const passwordReset: StepModule<RecognitionBase<'password-reset'>> = {
  id: 'password-reset',
  specificity: 33,
  flow: { offPath: 'reached from the login page when the password is forgotten' },
  actions: ['action_password_reset'],
  examples,
  recognise(doc, url, view = readPage(doc, url)) {
    if (!findLabel(view, /^找回密码$/)) return null;
    const target = firstControl(view, ['重置密码']);
    if (!target) return null;
    return recognised(passwordReset, target, 'target_missing_agree', { actionKey: 'action_password_reset', lines: [hint('login_forgot')] });
  },
};
