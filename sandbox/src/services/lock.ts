import type { ServiceModule } from '../service';

/** Placeholder until this service is implemented. */
export const lockService: ServiceModule = {
  name: 'lock',
  install: () => ({}),
};
