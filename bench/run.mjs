// `npm run bench`: every benchmark in turn (search, map, the slow phone, then the main thread as pages open, then the national sharded build, then that directory in the browser), each printing its
// figures beside DESIGN.md's budgets and a peer library measured in the same run.
// The output is also kept in bench/out/latest.txt.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const benches = ['search.bench.mjs', 'map.bench.mjs', 'phone.bench.mjs', 'main-thread.bench.mjs', 'shards.bench.mjs', 'shards-browser.bench.mjs'];
let output = `Community Atlas benchmarks, ${new Date().toISOString()}\n`;
let failed = false;
for (const bench of benches) {
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, [bench], { cwd: here, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      output += chunk;
    });
    child.on('close', resolve);
  });
  if (code !== 0) {
    failed = true;
    console.error(`${bench} exited with ${code}`);
  }
}
mkdirSync(new URL('out/', import.meta.url), { recursive: true });
writeFileSync(new URL('out/latest.txt', import.meta.url), output);
if (failed) process.exitCode = 1;
