import { loadConfig, type Flags } from '../config/index.js';
import { createContainer, type Container } from '../container.js';
import { silentLogger } from '../shared/logger.js';

/** Opens the configured store for a one-shot command (no HTTP, quiet logs). */
export async function commandContainer(flags: Flags): Promise<Container> {
  const config = loadConfig(flags);
  return createContainer({ ...config, logLevel: 'warn' }, { logger: silentLogger });
}
