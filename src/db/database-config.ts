import { ConfigError, type Config } from '../config.js';

/** The database part of the configuration, for the commands that work only with the shared service. */
export function requireDatabase(config: Config): NonNullable<Config['database']> {
  if (!config.database)
    throw new ConfigError("DATABASE_URL: not set (this command works on the shared service's PostgreSQL database)");
  return config.database;
}
