import '../../lib/ui/base.css';
import '../../lib/popup/popup.css';
import { mountPopup } from '../../lib/popup/mount';

void mountPopup(document.getElementById('app')!);
