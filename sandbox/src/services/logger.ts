import type { ServiceModule } from '../service';

/** Placeholder until this service is implemented. */
export const loggerService: ServiceModule = {
  name: 'logger',
  install: () => ({}),
};
