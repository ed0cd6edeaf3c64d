import { COMMANDS } from './commands.js';
import { EXIT, processIo, type Io } from './io.js';

function usage(group?: string): string {
  const lines = Object.keys(COMMANDS)
    .filter((words) => !group || words.startsWith(`${group} `))
    .sort()
    .map((words) => `  atlas ${words}`);
  return [`Usage: atlas ${group ? `${group} <what>` : '<command>'} [options]`, '', 'Commands:', ...lines, '', 'Run `atlas <command> --help` for its options.'].join('\n');
}

const isHelp = (arg: string | undefined): boolean => arg === '--help' || arg === '-h';

/** Entry point of the `atlas` command. Returns the process exit code. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  if (argv.length === 0) {
    io.err(usage());
    return EXIT.usage;
  }
  // "atlas help import csv" is "atlas import csv --help".
  if (argv[0] === 'help' && argv.length > 1) return main([...argv.slice(1), '--help'], io);
  if (isHelp(argv[0]) || argv[0] === 'help') {
    io.out(usage());
    return EXIT.ok;
  }
  // The longest run of leading words that names a command: "import csv" before "import".
  for (let n = Math.min(argv.length, 3); n > 0; n--) {
    const words = argv.slice(0, n).join(' ');
    const load = COMMANDS[words];
    if (load) {
      const command = await load();
      return command.run(argv.slice(n), io);
    }
  }
  // A first word that starts commands ("import") without the second: list those commands.
  const group = argv[0] ?? '';
  if (Object.keys(COMMANDS).some((words) => words.startsWith(`${group} `))) {
    if (isHelp(argv[1])) {
      io.out(usage(group));
      return EXIT.ok;
    }
    if (argv.length === 1) {
      io.err(usage(group));
      return EXIT.usage;
    }
    io.err(`atlas: unknown command "${argv.slice(0, 2).join(' ')}"\n\n${usage(group)}`);
    return EXIT.usage;
  }
  io.err(`atlas: unknown command "${argv.slice(0, 2).join(' ')}"\n\n${usage()}`);
  return EXIT.usage;
}
