#!/usr/bin/env node
// Launcher for the certdesk command: runs the TypeScript sources under plain Node through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
const code = await main(process.argv.slice(2));
if (code !== 0 || !process.argv.includes('serve')) {
  process.exitCode = code;
}
