import type { ServiceModule } from '../service';

/** Placeholder until this service is implemented. */
export const cacheService: ServiceModule = {
  name: 'cache',
  install: () => ({}),
};
