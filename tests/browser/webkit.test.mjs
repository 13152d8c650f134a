// The page's core flows in WebKit over WebDriver (tests/browser/engine-flows.mjs says which).
import { engineFlows } from './engine-flows.mjs';

engineFlows('webkit');
