// Lint, part two (`npm run lint` runs it after ESLint): every export of a module in
// packages/*/src is used by another file (code, a test, a story, the demo or a bench),
// or is public API (a package entry below). An export nobody imports is either dead
// code or should not be exported; either way it fails lint with its file and line.
// Whole-program, through the TypeScript checker, so a use through a re-export, a
// namespace import or a module loaded on demand (`(await part.load()).name`) counts.
import ts from 'typescript';
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const rel = (f) => relative(root, f).split('\\').join('/');

// Public API: what the packages' exports maps name. Their exports are used by definition.
const ENTRIES = new Set([
  'packages/core/src/index.ts',
  'packages/core/src/oruk/index.ts',
  'packages/elements/src/index.ts',
  'packages/elements/src/define.ts',
  'packages/elements/src/embed.ts',
  'packages/map/src/index.ts',
  'packages/map/src/define.ts',
  'packages/cli/src/index.ts',
]);
const checked = (f) => /^packages\/[^/]+\/src\/.*\.ts$/.test(f) && !f.endsWith('.d.ts') && !/\.test\.ts$/.test(f) && !/\/test-support\//.test(f);

const config = ts.getParsedCommandLineOfConfigFile(`${root}/tsconfig.json`, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); } });
const program = ts.createProgram(config.fileNames, config.options);
const checker = program.getTypeChecker();
const final = (s) => (s && s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);

/** Symbols used from a file other than the one that declares them. */
const used = new Set();
const use = (symbol, from) => {
  const s = final(symbol);
  if (!s?.declarations?.length) return;
  if (s.declarations.some((d) => d.getSourceFile() !== from)) used.add(s);
};

for (const sf of program.getSourceFiles()) {
  const file = rel(sf.fileName);
  if (file.startsWith('..') || file.includes('node_modules')) continue;
  if (ENTRIES.has(file)) {
    const mod = checker.getSymbolAtLocation(sf);
    for (const e of mod ? checker.getExportsOfModule(mod) : []) use(e, sf);
  }
  const visit = (node) => {
    // A re-export is not a use of its own: the name must be used where it ends up.
    if (ts.isExportSpecifier(node) && !ENTRIES.has(file)) return;
    if (ts.isIdentifier(node)) use(checker.getSymbolAtLocation(node), sf);
    if (ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent)) {
      const name = (node.propertyName ?? node.name);
      if (ts.isIdentifier(name)) use(checker.getTypeAtLocation(node.parent).getProperty(name.text), sf);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

const unused = [];
for (const sf of program.getSourceFiles()) {
  const file = rel(sf.fileName);
  if (!checked(file) || ENTRIES.has(file)) continue;
  const mod = checker.getSymbolAtLocation(sf);
  for (const e of mod ? checker.getExportsOfModule(mod) : []) {
    const s = final(e);
    if (used.has(s)) continue;
    const decl = e.declarations?.[0] ?? s?.declarations?.[0];
    if (!decl || decl.getSourceFile() !== sf) continue; // a re-export: judged where it is declared
    const { line } = sf.getLineAndCharacterOfPosition(decl.getStart());
    unused.push(`${file}:${line + 1}  ${e.name}`);
  }
}
if (unused.length) {
  console.error(`Exported but used by no other file (drop the export, or the code):\n  ${unused.join('\n  ')}`);
  process.exitCode = 1;
} else {
  console.log('unused exports: none');
}
