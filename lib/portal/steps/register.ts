// 用户注册: the registration platform's form. No target: the holder fills it in.
import { fieldAsks, findLabel, firstControl, readPage, type PageView } from '../page';
import { hint, recognised, warning } from '../lines';
import type { RecognitionBase, StepModule } from '../types';

const SUBMIT = ['注册', '提交注册', '立即注册', '确认注册', '提交'];

/** A form that asks for an ID number and a new password twice, with a register button. */
export function isRegistrationForm(view: PageView): boolean {
  return (
    !!firstControl(view, SUBMIT) &&
    (!!findLabel(view, /证件号码/) || fieldAsks(view, /证件号码|身份证号/)) &&
    (!!findLabel(view, /确认密码|设置密码|再次输入密码/) || fieldAsks(view, /确认密码|再次输入密码|重复密码/))
  );
}

export const register: StepModule<RecognitionBase<'register'>> = {
  id: 'register',
  specificity: 35,
  flow: { offPath: 'reached from the login page, for a holder without an account; back to login after' },
  actions: ['action_register'],
  recognise(doc, url, view = readPage(doc, url)) {
    if (!isRegistrationForm(view)) return null;
    return recognised(register, null, undefined, {
      actionKey: 'action_register',
      lines: [warning('register_same_id'), hint('register_once'), hint('login_privacy')],
    });
  },
};
