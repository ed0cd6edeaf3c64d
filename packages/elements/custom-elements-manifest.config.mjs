// Reads the JSDoc headers (@summary, @csspart, @cssprop, @fires, @cssstate) of every element class.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts', 'src/translations/**'],
  outdir: '.',
  litelement: true,
};
