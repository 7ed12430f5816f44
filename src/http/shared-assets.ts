import path from 'node:path';
import { PROJECT_ROOT } from '../paths.js';

/**
 * Browser modules that draw LINE messages as HTML, outside the demo's own folder because the
 * staff console serves the Flex renderer too (a publication's preview). Read from the source
 * folder, so `src` (tests) and `dist` (npm start) serve the same.
 */
export const SHARED_PUBLIC_DIR = path.join(PROJECT_ROOT, 'src', 'http', 'public');
