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

test('every command answers --help and -h with its usage on standard output, exit 0', async () => {
  const { COMMANDS } = await import('../src/commands.js');
  for (const words of Object.keys(COMMANDS)) {
    for (const flag of ['--help', '-h']) {
      const io = captureIo();
      assert.equal(await main([...words.split(' '), flag], io), 0, `atlas ${words} ${flag}: ${io.stderr}`);
      assert.match(io.stdout, new RegExp(`^Usage: atlas ${words}\\b`), `atlas ${words} ${flag}`);
      assert.equal(io.stderr, '', `atlas ${words} ${flag} writes nothing to standard error`);
    }
    const help = captureIo();
    assert.equal(await main(['help', ...words.split(' ')], help), 0);
    assert.match(help.stdout, new RegExp(`^Usage: atlas ${words}\\b`), `atlas help ${words}`);
  }
});

test('atlas import --help lists the import commands; atlas import alone exits 2 with the same list', async () => {
  const io = captureIo();
  assert.equal(await main(['import', '--help'], io), 0);
  assert.match(io.stdout, /atlas import csv/);
  assert.match(io.stdout, /atlas import openactive/);
  assert.doesNotMatch(io.stdout, /atlas validate/);
  const bare = captureIo();
  assert.equal(await main(['import'], bare), 2);
  assert.match(bare.stderr, /atlas import csv/);
  const typo = captureIo();
  assert.equal(await main(['import', 'cvs'], typo), 2);
  assert.match(typo.stderr, /unknown command "import cvs"[\s\S]*atlas import csv/);
});
