/** The Siaran panel (sidebar). The views live in ./sidebar/. */
import { start } from './sidebar/app';

const app = document.getElementById('app');
if (app) start(app);
