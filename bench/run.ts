import { benchWebhook } from './webhook-bench.js';
import { benchSearch } from './search-bench.js';

/** `npm run bench`: every benchmark, each comparing against a baseline measured in the same run. */
await benchWebhook();
await benchSearch();
