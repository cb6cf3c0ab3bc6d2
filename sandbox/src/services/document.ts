import type { ServiceModule } from '../service';

/** Placeholder until this service is implemented. */
export const documentService: ServiceModule = {
  name: 'document',
  install: () => ({}),
};
