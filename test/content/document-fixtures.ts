import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/paths.js';

/** The real source document, from the shared folder beside the repository. */
export const SEED_PATH = path.join(PROJECT_ROOT, '..', 'shared', 'seeds', '000_71193bff46793098.txt');
export const FIXTURES_DIR = path.join(PROJECT_ROOT, 'test', 'fixtures', 'documents');

export function seedText(): string {
  return readFileSync(SEED_PATH, 'utf8');
}

/** A document under test/fixtures/documents/. */
export function fixturePath(name: string): string {
  return path.join(FIXTURES_DIR, name);
}

export function fixtureText(name: string): string {
  return readFileSync(fixturePath(name), 'utf8');
}
