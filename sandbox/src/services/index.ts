/** Every service module the sandbox installs into an execution, in installation order. */
import type { ServiceModule } from '../service';

// Each module is added here as it is implemented.
export const SERVICE_MODULES: ServiceModule[] = [];
