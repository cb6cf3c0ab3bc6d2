/** Every service module the sandbox installs into an execution, in installation order. */
import type { ServiceModule } from '../service';
import { loggerService } from './logger';
import { utilitiesService } from './utilities';
import { sessionService } from './session';
import { propertiesService } from './properties';
import { cacheService } from './cache';
import { lockService } from './lock';
import { scriptService } from './script';
import { mailService } from './mail';
import { driveService } from './drive';
import { driveApiService } from './drive-api';
import { documentService } from './document';
import { spreadsheetService } from './spreadsheet';
import { htmlService } from './html';
import { chartsService } from './charts';
import { docsApiService } from './docs-api';
import { calendarService } from './calendar';
import { sheetsApiService } from './sheets-api';

export const SERVICE_MODULES: ServiceModule[] = [
  loggerService,
  utilitiesService,
  sessionService,
  propertiesService,
  cacheService,
  lockService,
  scriptService,
  mailService,
  driveService,
  driveApiService,
  documentService,
  spreadsheetService,
  htmlService,
  chartsService,
  docsApiService,
  calendarService,
  sheetsApiService,
];
