// "This page looks wrong": the way to a page report (lib/report), in the panel. On a page
// the guide does not recognise inside the flow it says why it is offered. Only the
// holder's own click (isTrusted) asks for the report: a page script's click() does not.
import type { Strings } from './strings';

export function ReportOffer({ s, unknownPage, failed, onOpen }: { s: Strings; unknownPage: boolean; failed?: boolean; onOpen(): void }) {
  const click = (event: MouseEvent) => {
    if (event.isTrusted) onOpen();
  };
  const button = (
    <button type="button" class="secondary" data-testid="page-report" onClick={click}>
      {s.t(unknownPage ? 'report_make' : 'report_offer')}
    </button>
  );
  const problem = failed ? <p role="status">{s.t('report_failed')}</p> : null;
  if (!unknownPage) return <p class="report-offer">{button}{problem}</p>;
  return (
    <div class="box report-offer">
      <h3>{s.t('report_unknown_title')}</h3>
      <p>{s.t('report_unknown_body')}</p>
      {button}
      {problem}
    </div>
  );
}
