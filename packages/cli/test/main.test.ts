import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../src/main.js';
import type { Io } from '../src/io.js';

function captureIo(): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    cwd: process.cwd(),
    out(text: string) { io.stdout += text + '\n'; },
    err(text: string) { io.stderr += text + '\n'; },
  };
  return io;
}

test('atlas with no command prints usage and exits 2', async () => {
  const io = captureIo();
  assert.equal(await main([], io), 2);
  assert.match(io.stderr, /Usage: atlas <command>/);
});

test('an unknown command names itself and exits 2', async () => {
  const io = captureIo();
  assert.equal(await main(['frobnicate'], io), 2);
  assert.match(io.stderr, /unknown command "frobnicate"/);
});
