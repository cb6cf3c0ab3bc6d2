import type { ServiceModule } from '../service';

/** Placeholder until this service is implemented. */
export const mailService: ServiceModule = {
  name: 'mail',
  install: () => ({}),
};
