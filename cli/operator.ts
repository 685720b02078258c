import os from 'node:os';

/** Who is acting from the command line: CERTDESK_OPERATOR, else the OS account. */
export function cliOperator(): string {
  if (process.env.CERTDESK_OPERATOR) return process.env.CERTDESK_OPERATOR;
  try {
    return `cli:${os.userInfo().username}`;
  } catch {
    return 'cli';
  }
}
