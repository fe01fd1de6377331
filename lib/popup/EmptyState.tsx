import type { PopupText } from './strings';

/** No certificate yet: what the extension does, what it keeps and where, and the way in. */
export function EmptyState(props: { text: PopupText; onOpenPortal(): void; onAdd(): void }) {
  const { t } = props.text;
  return (
    <section class="empty" aria-labelledby="empty-title" data-testid="empty-state">
      <h2 id="empty-title">{t('emptyTitle')}</h2>
      <p>{t('emptyWhat')}</p>
      <p>{t('emptyKeeps')}</p>
      <ol class="steps">
        <li>{t('emptyStep1')}</li>
        <li>{t('emptyStep2')}</li>
        <li>{t('emptyStep3')}</li>
      </ol>
      <div class="form-actions">
        <button type="button" class="primary" onClick={props.onOpenPortal}>{t('emptyStart')}</button>
        <button type="button" onClick={props.onAdd}>{t('emptyAddByHand')}</button>
      </div>
    </section>
  );
}
