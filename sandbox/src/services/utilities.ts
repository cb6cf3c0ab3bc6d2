import type { ServiceModule } from '../service';

/** Placeholder until this service is implemented. */
export const utilitiesService: ServiceModule = {
  name: 'utilities',
  install: () => ({}),
};
