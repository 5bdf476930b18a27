// The dependency rules of docs/ARCHITECTURE.md, checked by `npm run lint:deps` (part of `npm test`).
// Each rule names what the house forbids; a violation prints the importing file, the imported file and the rule name.
// Type-only imports count: the rules are about which part of the code knows about which, not about what is emitted.

/** Interface code: HTTP routes, CLI commands and job handlers. */
const interfaceFiles = '(^src/server/cli/|\\.routes\\.ts$|\\.jobs\\.ts$)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'common-imports-nothing-of-the-project',
      comment: 'src/common is shared by the server and the console, so it may depend on neither (only on libraries such as zod).',
      severity: 'error',
      from: { path: '^src/common/' },
      to: { path: '^src/', pathNot: '^src/common/' },
    },
    {
      name: 'web-imports-no-server-code',
      comment: 'The console reaches the server only over HTTP; shared shapes come from src/common.',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/server/' },
    },
    {
      name: 'interface-imports-no-repository-or-db',
      comment: 'Routes, CLI commands and job handlers call services; only repositories talk to the database.',
      severity: 'error',
      from: { path: interfaceFiles },
      to: { path: '(^src/server/db/|\\.repository\\.ts$)' },
    },
    {
      name: 'repository-imports-no-service-or-interface',
      comment: 'Data flows one way: interface → service → repository. A repository knows nothing above it.',
      severity: 'error',
      from: { path: '\\.repository\\.ts$' },
      to: { path: `(\\.service\\.ts$|${interfaceFiles})` },
    },
    {
      name: 'service-imports-no-interface',
      comment: 'Services hold the rules for every interface alike, so they must not know routes, CLI commands or job handlers.',
      severity: 'error',
      from: { path: '\\.service\\.ts$' },
      to: { path: interfaceFiles },
    },
    {
      name: 'service-imports-no-other-modules-repository',
      comment:
        "A service may call another module's service, never its repository: the other module's rules (scope, audit) would be skipped. " +
        'The pure helpers a service calls (planning/, account-view.ts, …) are held to the same rule, and so are their types: ' +
        'a row type shared across modules belongs beside the service that hands it out, not in the repository.',
      severity: 'error',
      from: { path: '^src/server/modules/([^/]+)/', pathNot: '\\.repository\\.ts$' },
      to: { path: '^src/server/modules/[^/]+/.+\\.repository\\.ts$', pathNot: '^src/server/modules/$1/' },
    },
    {
      name: 'sql-only-in-repositories',
      comment:
        'Only repositories build queries, so no rule hides in SQL and no query skips a rule. Kysely is imported by repositories, ' +
        'by the *-sql.ts builders a repository splits off when it grows, and by tests; in a module nothing else.',
      severity: 'error',
      from: { path: '^src/(server/modules|server/cli|common|web)/', pathNot: '(\\.repository\\.ts|-sql\\.ts|\\.test\\.ts)$' },
      to: { path: '(^|/)node_modules/kysely/' },
    },
    {
      name: 'platform-and-jobs-import-no-module',
      comment: 'platform/ and the job runner are the ground the modules stand on; they know no domain.',
      severity: 'error',
      from: { path: '^src/server/(platform|jobs)/' },
      to: { path: '^src/server/modules/' },
    },
    {
      name: 'no-cycle',
      comment: 'A cycle means two files cannot be understood (or changed) one without the other.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Keep type-only imports in the graph (see above).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
