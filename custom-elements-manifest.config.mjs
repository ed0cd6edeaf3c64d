// The custom elements manifest of a package (run from the package's folder: `npm run analyze`). Reads the
// JSDoc headers (@summary, @csspart, @cssprop, @fires, @cssstate) of every element class.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts', 'src/translations/**', 'src/test-support/**'],
  outdir: '.',
  litelement: true,
  // package.json names the manifest already; never let the analyser rewrite it (it would write --outdir there).
  packagejson: false,
};
