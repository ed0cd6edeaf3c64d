/**
 * A worker thread of `atlas build --shards` (build/shards.ts): checks, merges
 * and writes the shards it is given into the build's folder, and answers each
 * with its manifest entry, so a national build uses every core.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { runShardJob, type ShardContext, type ShardJob } from './shards.js';

const { context, folder } = workerData as { context: ShardContext; folder: string };
parentPort!.on('message', (job: ShardJob) => {
  try {
    const result = runShardJob(context, job, (file) => writeFileSync(join(folder, file.path), file.content, 'utf8'));
    parentPort!.postMessage({ result });
  } catch (error) {
    parentPort!.postMessage({ error: (error as Error).stack ?? String(error) });
  }
});
