import { browser } from 'wxt/browser';
import '../../lib/ui/base.css';
import '../../lib/options/options.css';
import { mountOptions } from '../../lib/options/mount';

void mountOptions(browser, document.getElementById('app')!);
