import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * Where a command writes. Commands never touch process.stdout directly, so tests
 * can capture exactly what a user would see.
 */
export interface Io {
  /** Results: what a script would pipe on (stdout). */
  out(text: string): void;
  /** Messages for the person: problems, summaries (stderr). */
  err(text: string): void;
  /** A progress line that overwrites itself on a terminal; omitted when not a TTY. */
  progress?(text: string): void;
  /** Working directory against which relative paths are resolved. */
  cwd: string;
}

export function processIo(): Io {
  const tty = Boolean(process.stderr.isTTY);
  return {
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    progress: tty ? (text) => process.stderr.write(`\r\x1b[2K${text}`) : undefined,
    cwd: process.cwd(),
  };
}

/** A command: takes its own arguments (after the command words) and returns the exit code. */
export interface Command {
  /** One line for `atlas --help`. */
  summary: string;
  run(args: string[], io: Io): Promise<number>;
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
type WithHelp<O extends OptionsConfig> = O & { help: { type: 'boolean'; short: 'h' } };
/** What `readArgs` gives back: the command's options (and --help) and its positional arguments. */
type ReadArgs<O extends OptionsConfig> = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: WithHelp<O> }>>;

/**
 * Reads a command's arguments the same way for every command: its options and
 * `--help` (`-h`). Gives the exit code instead when the command is done: the help
 * was asked for (shown, exit 0) or the arguments could not be read (the reason,
 * then the help, exit 2).
 */
export function readArgs<O extends OptionsConfig>(name: string, help: string, args: string[], io: Io, options: O): ReadArgs<O> | number {
  let parsed: ReadArgs<O>;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { ...options, help: { type: 'boolean', short: 'h' } } as WithHelp<O> });
  } catch (error) {
    io.err(`${name}: ${(error as Error).message}\n\n${help}`);
    return EXIT.usage;
  }
  if ((parsed.values as { help?: boolean }).help) {
    io.out(help);
    return EXIT.ok;
  }
  return parsed;
}

