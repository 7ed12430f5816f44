import { benchWebhook } from './webhook-bench.js';
import { benchSearch } from './search-bench.js';
import { benchFanOut } from './fanout-bench.js';
import { benchFollow } from './follow-bench.js';
import { benchFaults } from './faults-bench.js';
import { benchUploads } from './upload-bench.js';
import { benchPostgres } from './postgres-bench.js';

/** `npm run bench`: every benchmark, each comparing against a baseline measured in the same run. */
await benchWebhook();
await benchSearch();
await benchFollow();
await benchFanOut();
await benchFaults();
await benchUploads();
await benchPostgres();
