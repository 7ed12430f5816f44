import { startThrowawayCluster, type Cluster } from '../../src/db/throwaway-cluster.js';

export { postgresBin, socketUrl, type Cluster } from '../../src/db/throwaway-cluster.js';

/**
 * The tests' throwaway cluster (src/db/throwaway-cluster.ts, shared with `npm run bench`):
 * fsync off, since the data is thrown away and no test measures time; a failure starts with
 * "test PostgreSQL:".
 */
export function startCluster(bin: string, watchPid = process.pid): Promise<Cluster> {
  return startThrowawayCluster(bin, { watchPid, label: 'test PostgreSQL', durable: false });
}
