import type { ServiceModule } from '../service';

/** Placeholder until this service is implemented. */
export const scriptService: ServiceModule = {
  name: 'script',
  install: () => ({}),
};
