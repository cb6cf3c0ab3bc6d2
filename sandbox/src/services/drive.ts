import type { ServiceModule } from '../service';

/** Placeholder until this service is implemented. */
export const driveService: ServiceModule = {
  name: 'drive',
  install: () => ({}),
};
