// Run as a child process by corpus.test.ts: compares the files named on stdin (one path a line)
// and writes the results as one JSON document on stdout.
import fs from 'node:fs';
import { compareWorkbook, type Compared } from './corpusCompare';

const files = fs.readFileSync(0, 'utf8').split('\n').filter(Boolean);
const out: Record<string, Compared> = {};
for (const file of files) out[file] = await compareWorkbook(fs.readFileSync(file), file.split('/').pop()!);
process.stdout.write(JSON.stringify(out));
