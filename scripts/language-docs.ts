// Regenerates the "Members" section of docs/LANGUAGE.md from the language schema: `npm run docs`.
import { readFileSync, writeFileSync } from 'node:fs';
import { withMemberTables } from '../language/docs/member-tables.js';

const path = 'docs/LANGUAGE.md';
const updated = withMemberTables(readFileSync(path, 'utf8'));
if (updated === undefined) {
  console.error(`${path} has no generated members section (its begin and end markers are missing)`);
  process.exit(1);
}
writeFileSync(path, updated);
console.log(`${path}: members section regenerated`);
