// Every CLI command; each area adds its list here.
import type { CliCommand } from './command';
import { coreCommands } from './commands/core';
import { serveCommands } from './commands/serve';
import { spreadsheetCommands } from './commands/spreadsheets';

export const commands: CliCommand[] = [...coreCommands, ...serveCommands, ...spreadsheetCommands];
