// The page's core flows in Firefox over WebDriver (tests/browser/engine-flows.mjs says which).
import { engineFlows } from './engine-flows.mjs';

engineFlows('firefox');
