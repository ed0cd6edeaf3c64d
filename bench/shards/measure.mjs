// Runs `atlas build` (the built CLI, as a publisher runs it) in this process and,
// at exit, writes its peak memory (resident set, the most the machine gave it)
// to the file named by SHARDS_BENCH_USAGE, for bench/shards.bench.mjs.
import { writeFileSync } from 'node:fs';

const { main } = await import(new URL('../../packages/cli/dist/main.js', import.meta.url).href);
const code = await main(process.argv.slice(2));
const usage = process.resourceUsage();
writeFileSync(process.env.SHARDS_BENCH_USAGE, JSON.stringify({ code, maxRSS: usage.maxRSS * 1024, user: usage.userCPUTime, system: usage.systemCPUTime }));
process.exitCode = code;
