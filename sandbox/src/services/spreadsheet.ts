import type { ServiceModule } from '../service';

/** Placeholder until this service is implemented. */
export const spreadsheetService: ServiceModule = {
  name: 'spreadsheet',
  install: () => ({}),
};
