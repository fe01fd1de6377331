import { Section } from '../ui/Field';
import { portalHostsInWords } from '../portal/hosts';
import type { OptionsText } from './strings';

/** What is stored, where, for how long; that nothing leaves; each permission and why. */
export function PrivacySection({ text }: { text: OptionsText }) {
  const { t } = text;
  const permissions = [
    ['storage, unlimitedStorage', t('permStorage')],
    ['alarms', t('permAlarms')],
    ['notifications', t('permNotifications')],
    [portalHostsInWords(), t('permHosts')],
  ] as const;
  return (
    <Section id="privacy" title={t('privacyTitle')}>
      <div class="panel">
        <h3>{t('privacyWhatTitle')}</h3>
        <ul>
          <li>{t('privacyWhatCertificates')}</li>
          <li>{t('privacyWhatAnnotations')}</li>
          <li>{t('privacyWhatSettings')}</li>
          <li>{t('privacyWhatLog')}</li>
        </ul>
        <h3>{t('privacyWhereTitle')}</h3>
        <p>{t('privacyWhere')}</p>
        <h3>{t('privacyHowLongTitle')}</h3>
        <p>{t('privacyHowLong')}</p>
        <h3>{t('privacySentTitle')}</h3>
        <p>{t('privacySent')}</p>
        <h3>{t('permissionsTitle')}</h3>
        <dl class="permissions">
          {permissions.map(([name, why]) => (
            <div key={name}>
              <dt class="mono">{name}</dt>
              <dd>{why}</dd>
            </div>
          ))}
        </dl>
        <p class="muted">{t('permNoTabs')}</p>
      </div>
    </Section>
  );
}
