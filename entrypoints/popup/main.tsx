import '../../lib/ui/base.css';
import '../../lib/popup/popup.css';
import { readPopupRecords } from '../../lib/popup/early-read';

// The records are read while the rest of the popup (zod, Preact, the views) loads.
const records = readPopupRecords();
void import('../../lib/popup/mount').then(({ mountPopup }) => mountPopup(document.getElementById('app')!, records));
