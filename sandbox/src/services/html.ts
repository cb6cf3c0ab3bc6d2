import type { ServiceModule } from '../service';

/** Placeholder until this service is implemented. */
export const htmlService: ServiceModule = {
  name: 'html',
  install: () => ({}),
};
