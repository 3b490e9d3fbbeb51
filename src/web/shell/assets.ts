import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The console's one stylesheet, read once at start (the build copies it next to the compiled
 * code: package.json "build"). Its URL carries a hash of its content, so browsers may keep it
 * for a year and still get a changed one at once.
 */
export const CONSOLE_CSS = readFileSync(path.join(__dirname, 'console.css'), 'utf8');
export const CONSOLE_CSS_VERSION = createHash('sha256').update(CONSOLE_CSS).digest('hex').slice(0, 12);
export const CONSOLE_CSS_HREF = `/console/assets/console.css?v=${CONSOLE_CSS_VERSION}`;
