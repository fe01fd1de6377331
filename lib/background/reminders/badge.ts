// The toolbar badge: how many certificates need action, coloured by the most urgent
// reason, with a tooltip that says what. Shown whether or not reminders are turned on.
import type { Browser } from 'wxt/browser';
import type { ExtensionBrowser } from '../browser';
import type { Locale } from '../../i18n/locale';
import { reminderTranslate } from './notify';
import type { ActionReason, BadgeState } from '../../reminders/plan';

/** Red for expired, orange for about to expire, blue for ready to download. */
export const BADGE_COLORS: Record<ActionReason, string> = {
  expired: '#B3261E',
  expiring: '#C2410C',
  ready: '#1A62C5',
};
export const BADGE_TEXT_COLOR = '#FFFFFF';
const URGENCY: ActionReason[] = ['expired', 'expiring', 'ready'];

export function badgeText(count: number): string {
  return count <= 0 ? '' : count > 99 ? '99+' : String(count);
}

export function badgeColor(state: BadgeState): string | undefined {
  const reason = URGENCY.find((r) => state.certificates.some((c) => c.reason === r));
  return reason ? BADGE_COLORS[reason] : undefined;
}

export function badgeTooltip(state: BadgeState, locale: Locale): string {
  const t = reminderTranslate(locale);
  if (state.count === 0) return t('tooltip_none');
  const parts: string[] = [];
  for (const reason of ['ready', 'expiring', 'expired'] as const) {
    const count = state.certificates.filter((c) => c.reason === reason).length;
    if (count) parts.push(t(`tooltip_${reason}`, { count }));
  }
  return t('tooltip_some', { count: state.count, details: parts.join(t('tooltip_separator')) });
}

type ActionApi = Pick<typeof Browser.action, 'setBadgeText' | 'setBadgeBackgroundColor' | 'setTitle'> & {
  setBadgeTextColor?: typeof Browser.action.setBadgeTextColor;
};

/** MV3 has `action`; Firefox's MV2 build has `browserAction` with the same methods. */
export function actionApi(browser: ExtensionBrowser): ActionApi | undefined {
  const b = browser as unknown as { action?: ActionApi; browserAction?: ActionApi };
  return b.action ?? b.browserAction;
}

export async function applyBadge(browser: ExtensionBrowser, state: BadgeState, locale: Locale): Promise<void> {
  const action = actionApi(browser);
  if (!action) return;
  const color = badgeColor(state);
  if (color) {
    await action.setBadgeBackgroundColor({ color });
    if (typeof action.setBadgeTextColor === 'function') await action.setBadgeTextColor({ color: BADGE_TEXT_COLOR });
  }
  await action.setBadgeText({ text: badgeText(state.count) });
  await action.setTitle({ title: badgeTooltip(state, locale) });
}
