import { browser } from 'wxt/browser';
import '../../lib/ui/base.css';
import '../../lib/popup/popup.css';
import { mountPopup } from '../../lib/popup/mount';

void mountPopup(browser, document.getElementById('app')!);
