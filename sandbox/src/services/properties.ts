import type { ServiceModule } from '../service';

/** Placeholder until this service is implemented. */
export const propertiesService: ServiceModule = {
  name: 'properties',
  install: () => ({}),
};
