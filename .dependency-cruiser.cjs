// The layers of the app, checked by `npm run lint` (depcruise): who may import whom.
//
//   static/<app>  -> static/shared, and src/contract for types only (plus the gadget's plain constants
//                    and the panel's live gate check, src/contract/live-gate.ts)
//   src/contract  -> src/domain
//   src/domain    -> nothing but zod
//   src/jira      -> src/domain (the REST adapter)
//   src/storage   -> src/domain (Forge KVS)
//   src/records   -> src/domain, src/jira, src/storage, src/contract (its error type)
//   src/upstream  -> src/domain (Gerrit and other OpenStack tools, read through Forge egress)
//   src/usecases  -> src/domain, src/jira, src/records, src/storage, src/contract, src/upstream
//   src/modules   -> anything in src
//   nothing in src imports sandbox/, scripts/, test/, bench/ or static/; no cycles anywhere.
// test/fixtures/layering holds a small tree that breaks each rule: test/unit/layering.test.ts
// runs this same configuration on it and expects every rule to fire.

/** Paths a layer may import besides its own folder. */
const allowed = (layer, ...others) => ({
  name: `${layer}-imports`,
  comment: `src/${layer} may import only ${others.length ? others.map((o) => `src/${o}`).join(', ') : 'itself'} (and packages).`,
  severity: 'error',
  from: { path: `^src/${layer}/` },
  to: { path: '^(src|static|sandbox|scripts|test|bench)/', pathNot: [`^src/${layer}/`, ...others.map((o) => `^src/${o}/`)] },
});

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A cycle makes two modules one: split what both need into a third.',
      severity: 'error',
      from: { path: '^(src|static)/' },
      to: { circular: true },
    },
    {
      name: 'src-stays-in-src',
      comment: 'What Forge deploys (src/) never imports the sandbox, scripts, tests, benches or the Custom UI apps.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(sandbox|scripts|test|bench|static)/' },
    },
    {
      name: 'domain-is-pure',
      comment: 'src/domain is the LCOO process in TypeScript and zod: no Forge, no Node built-ins, no other layer.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: {
        pathNot: '^src/domain/',
        dependencyTypesNot: ['type-only'],
        path: ['^(src|static|sandbox|scripts|test|bench)/', 'node_modules/(?!zod/)'],
      },
    },
    {
      name: 'domain-does-no-io',
      comment: 'src/domain does no I/O: no Node built-in modules.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'domain-is-pure-types',
      comment: 'Not even a type from another layer.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^(src|static)/', pathNot: '^src/domain/' },
    },
    allowed('contract', 'domain'),
    allowed('jira', 'domain'),
    allowed('storage', 'domain'),
    allowed('records', 'domain', 'jira', 'storage', 'contract'),
    allowed('upstream', 'domain'),
    allowed('usecases', 'domain', 'jira', 'records', 'storage', 'contract', 'upstream'),
    {
      name: 'static-uses-the-contract',
      comment: 'A Custom UI app imports static/shared and, from src, only the contract.',
      severity: 'error',
      from: { path: '^static/' },
      to: { path: '^(src|sandbox|scripts|test|bench)/', pathNot: '^src/contract/' },
    },
    {
      name: 'static-takes-types-only',
      comment:
        "The contract's schemas and the domain they use stay out of the browser: apps import contract types only (the gadget's plain constants excepted).",
      severity: 'error',
      from: { path: '^static/' },
      // The issue panel's live check runs the domain's pure gate code on the draft, in a chunk it
      // loads at the first edit (the first render stays free of zod).
      to: {
        path: '^src/contract/',
        pathNot: ['^src/contract/gadget-vocabulary\\.ts$', '^src/contract/live-gate\\.ts$'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'apps-stay-apart',
      comment: 'A Custom UI app shares code with another only through static/shared.',
      severity: 'error',
      from: { path: '^static/([^/]+)/', pathNot: '^static/shared/' },
      to: { path: '^static/', pathNot: ['^static/$1/', '^static/shared/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['/build/', '\\.build-'] },
    // Parse TypeScript itself so `import type` is known as type-only.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
