import { COMMANDS } from './commands.js';
import { EXIT, processIo, type Io } from './io.js';

function usage(): string {
  const lines = Object.keys(COMMANDS)
    .sort()
    .map((words) => `  atlas ${words}`);
  return ['Usage: atlas <command> [options]', '', 'Commands:', ...lines, '', 'Run `atlas <command> --help` for its options.'].join('\n');
}

/** Entry point of the `atlas` command. Returns the process exit code. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  if (argv.length === 0) {
    io.err(usage());
    return EXIT.usage;
  }
  if (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
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
  io.err(`atlas: unknown command "${argv.slice(0, 2).join(' ')}"\n\n${usage()}`);
  return EXIT.usage;
}
