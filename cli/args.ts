// Command-line words: global flags (--db FILE, --json) may stand before or after the command words.

export interface ParsedArgs {
  words: string[];
  flags: Map<string, string | true>;
  /** Flags given more than once (e.g. --number A --number B). */
  lists: Map<string, string[]>;
}

const BOOLEAN_FLAGS = new Set(['json', 'lan', 'insecure-http', 'dry-run', 'include-hidden', 'absent', 'misconduct', 'clear', 'restore-carried', 'stock', 'help', 'open', 'landscape', 'bilingual', 'force', 'replace', 'online', 'timed']);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const words: string[] = [];
  const flags = new Map<string, string | true>();
  const lists = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') {
      words.push(...argv.slice(i + 1));
      break;
    }
    if (token.startsWith('--')) {
      const eq = token.indexOf('=');
      const key = eq > 0 ? token.slice(2, eq) : token.slice(2);
      let value: string | true;
      if (eq > 0) value = token.slice(eq + 1);
      else if (BOOLEAN_FLAGS.has(key) || i + 1 >= argv.length) value = true;
      else value = argv[++i]!;
      flags.set(key, value);
      if (value !== true) lists.set(key, [...(lists.get(key) ?? []), value]);
    } else if (token === '-h') {
      flags.set('help', true);
    } else {
      words.push(token);
    }
  }
  return { words, flags, lists };
}
