// Every CLI command; each area adds its list here.
import type { CliCommand } from './command';
import { coreCommands } from './commands/core';
import { certificateCommands } from './commands/certificates';
import { serveCommands } from './commands/serve';
import { trustCommands } from './commands/trust';
import { spreadsheetCommands } from './commands/spreadsheets';
import { demoCommands } from './commands/demo';
import { candidateCommands } from './commands/candidates';
import { printingCommands } from './commands/printing';
import { catalogueCommands } from './commands/catalogue';
import { eligibilityCommands } from './commands/eligibility';
import { trainingCommands } from './commands/training';
import { memberCommands } from './commands/members';
import { competitionCommands } from './commands/competitions';
import { exchangeCommands } from './commands/exchange';

export const commands: CliCommand[] = [...coreCommands, ...catalogueCommands, ...eligibilityCommands, ...trainingCommands, ...memberCommands, ...candidateCommands, ...serveCommands, ...trustCommands, ...certificateCommands, ...printingCommands, ...spreadsheetCommands, ...exchangeCommands, ...demoCommands, ...competitionCommands];
