import 'reflect-metadata';

/** What nest-commander's @Command and @Option store (metadata keys of nest-commander 3). */
const COMMAND_META = 'CommandBuilder:Command:Meta';
const OPTION_META = 'CommandBuilder:Option:Meta';

export interface CommandHelp {
  name: string;
  arguments?: string;
  description: string;
  options: { flags: string; description: string }[];
}

type Ctor = abstract new (...args: never[]) => unknown;

/** Reads a command class's @Command and @Option metadata: no instance, no module, no database. */
export function describeCommand(cls: Ctor): CommandHelp {
  const meta = Reflect.getMetadata(COMMAND_META, cls) as { name: string; arguments?: string; description?: string } | undefined;
  if (!meta) throw new Error(`${cls.name} has no @Command`);
  const proto = cls.prototype as Record<string, unknown>;
  const options = Object.getOwnPropertyNames(proto)
    .map((k) => (typeof proto[k] === 'function' ? (Reflect.getMetadata(OPTION_META, proto[k] as object) as { flags: string; description?: string } | undefined) : undefined))
    .filter((o): o is { flags: string; description?: string } => o !== undefined)
    .map((o) => ({ flags: o.flags, description: o.description ?? '' }));
  return { name: meta.name, arguments: meta.arguments, description: meta.description ?? '', options };
}

/** `npm run cli -- --help`: every command on one line. Pure. */
export function renderHelp(commands: CommandHelp[]): string {
  const label = (c: CommandHelp) => (c.arguments ? `${c.name} ${c.arguments}` : c.name);
  const width = Math.max(...commands.map((c) => label(c).length));
  const lines = [...commands].sort((a, b) => a.name.localeCompare(b.name)).map((c) => `  ${label(c).padEnd(width)}  ${c.description}`);
  return [
    'Usage: npm run cli -- <command> [options]',
    '',
    'Commands (on the database of DATABASE_URL, or the embedded PostgreSQL; a running tipline\'s is shared):',
    ...lines,
    '',
    'npm run cli -- <command> --help shows the options of one command.',
    '',
  ].join('\n');
}

/** `npm run cli -- <command> --help`: the command's options. Pure. */
export function renderCommandHelp(c: CommandHelp): string {
  const width = Math.max(0, ...c.options.map((o) => o.flags.length));
  return [
    `Usage: npm run cli -- ${c.name}${c.arguments ? ` ${c.arguments}` : ''}${c.options.length ? ' [options]' : ''}`,
    '',
    c.description,
    ...(c.options.length ? ['', 'Options:', ...c.options.map((o) => `  ${o.flags.padEnd(width)}  ${o.description}`)] : []),
    '',
  ].join('\n');
}

/**
 * Help asked for (no command, `help`, `--help`/`-h`, or `<command> --help`): the text to print and
 * the exit code, or undefined when a command should run. Unknown commands get the list and 1.
 */
export function helpFor(argv: string[], commands: CommandHelp[]): { text: string; code: number } | undefined {
  const wantsHelp = argv.includes('--help') || argv.includes('-h');
  const first = argv.find((a) => !a.startsWith('-'));
  if (first === undefined || first === 'help') return wantsHelp || argv.length === 0 || first === 'help' ? { text: renderHelp(commands), code: 0 } : undefined;
  const command = commands.find((c) => c.name === first);
  if (!command) return { text: `unknown command ${first}\n\n${renderHelp(commands)}`, code: 1 };
  return wantsHelp ? { text: renderCommandHelp(command), code: 0 } : undefined;
}
