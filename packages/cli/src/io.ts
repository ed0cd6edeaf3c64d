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
