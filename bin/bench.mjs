#!/usr/bin/env node
// Launcher for `npm run bench [names…]`: runs the TypeScript benchmark runner under plain Node through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../bench/run.ts');
process.exitCode = await main(process.argv.slice(2));
