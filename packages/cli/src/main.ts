/** Entry point of the `atlas` command. Returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  if (!command || command === '--help' || command === '-h') {
    process.stdout.write('Usage: atlas <validate|import|build> …\n');
    return command ? 0 : 2;
  }
  process.stderr.write(`atlas: unknown command "${command}"\n`);
  return 2;
}
