// 登录: the download system's or the registration platform's login. No target: the
// holder types the password and captcha; the extension never reads or fills them.
import { fieldAsks, findLabel, firstControl, hasPasswordField, readPage } from '../page';
import { hint, recognised } from '../lines';
import type { RecognitionBase, StepModule } from '../types';
import { isRegistrationForm } from './register';

const LOGIN_BUTTONS = ['登录', '登陆', '立即登录', '用户登录'];

export const login: StepModule<RecognitionBase<'login'>> = {
  id: 'login',
  specificity: 30,
  flow: { place: 3 },
  actions: ['action_login'],
  recognise(doc, url, view = readPage(doc, url)) {
    if (!firstControl(view, LOGIN_BUTTONS)) return null;
    const asksPassword = hasPasswordField(view) || !!findLabel(view, /密码[:：]?$/) || fieldAsks(view, /密码/);
    // Labels, or placeholders on a form drawn by script (请输入证件号码, 请输入验证码).
    const asksWho =
      !!findLabel(view, /用户名|证件号码|账号/) || !!findLabel(view, /验证码/) || fieldAsks(view, /用户名|证件号码|身份证号|账号|验证码/);
    if (!asksPassword || !asksWho || isRegistrationForm(view)) return null;
    return recognised(login, null, undefined, {
      actionKey: 'action_login',
      lines: [hint('login_account'), hint('login_register'), hint('login_wrong_account'), hint('login_forgot'), hint('login_privacy'), hint('help_call')],
    });
  },
};
