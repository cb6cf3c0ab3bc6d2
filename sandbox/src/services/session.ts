import type { ServiceModule } from '../service';

/** Placeholder until this service is implemented. */
export const sessionService: ServiceModule = {
  name: 'session',
  install: () => ({}),
};
