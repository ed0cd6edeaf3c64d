// The custom elements manifest of a package (run from the package's folder: `npm run analyze`). Reads the
// JSDoc headers (@summary, @csspart, @cssprop, @fires, @cssstate) of every element class.

/**
 * The elements declare their reactive properties in `static properties` rather than with decorators
 * (fewer bytes in the embed bundle). The analyser's Lit support reads that object as it reads
 * `@property()`, except that it takes `state: true` entries for attributes and marks every entry public.
 * This gives the manifest `@property()`/`@state()` gave: internal state has no attribute, and a field's
 * privacy is what its declaration says.
 */
function staticPropertiesAsDecorators() {
  return {
    name: 'atlas-static-properties',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const klass = moduleDoc?.declarations?.find((d) => d.name === node.name.getText());
      const declaration = node.members.find(
        (m) => ts.isPropertyDeclaration(m) && m.name.getText() === 'properties' && m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword),
      );
      if (!klass || !declaration?.initializer || !ts.isObjectLiteralExpression(declaration.initializer)) return;
      for (const entry of declaration.initializer.properties) {
        if (!ts.isPropertyAssignment(entry)) continue;
        const name = entry.name.getText();
        const field = node.members.find((m) => ts.isPropertyDeclaration(m) && m.name.getText() === name);
        const member = klass.members?.find((m) => m.name === name && !m.static);
        if (member?.privacy === 'public' && !field?.modifiers?.some((x) => x.kind === ts.SyntaxKind.PublicKeyword)) delete member.privacy;
        const options = ts.isObjectLiteralExpression(entry.initializer) ? entry.initializer.properties : [];
        const isState = options.some((o) => ts.isPropertyAssignment(o) && o.name.getText() === 'state' && o.initializer.kind === ts.SyntaxKind.TrueKeyword);
        if (!isState) continue;
        if (member) delete member.attribute;
        klass.attributes = klass.attributes?.filter((a) => a.fieldName !== name);
      }
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts', 'src/translations/**', 'src/test-support/**'],
  outdir: '.',
  litelement: true,
  // package.json names the manifest already; never let the analyser rewrite it (it would write --outdir there).
  packagejson: false,
  plugins: [staticPropertiesAsDecorators()],
};
