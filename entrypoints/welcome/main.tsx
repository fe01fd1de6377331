import { browser } from 'wxt/browser';
import '../../lib/ui/base.css';
import '../../lib/welcome/welcome.css';
import { mountWelcome } from '../../lib/welcome/mount';

void mountWelcome(browser, document.getElementById('app')!);
