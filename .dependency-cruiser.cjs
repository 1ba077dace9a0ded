/**
 * The one-way layering of ../shared/docs/architecture.md, checked in CI:
 * UI → store → methods → policy; methods → card → (CardTransport) ← readers; nothing below the UI imports React.
 * The composition point is `app/main.tsx` with `app/composition/`: the only place that wires concrete ports
 * (readers, trust anchors, camera, OCR) into the store and renders the UI. `app/errors/` is the error base every
 * layer builds on; it imports nothing.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'policy-is-pure',
      comment: 'app/policy imports nothing of the project and no package, but the error base (which imports nothing).',
      severity: 'error',
      from: { path: '^app/policy/', pathNot: '\\.test\\.ts$' },
      to: { pathNot: '^app/(policy/|errors/app-error\\.ts$)' },
    },
    {
      name: 'errors-import-nothing',
      comment: 'The error base is the bottom of every layer: it imports nothing.',
      severity: 'error',
      from: { path: '^app/errors/', pathNot: '\\.test\\.ts$' },
      to: { pathNot: '^app/errors/' },
    },
    {
      name: 'ui-renders-state',
      comment:
        'Screens render the store and call its actions: they never run a method or talk to the card themselves. Methods, the card layer and the readers are wired in at the composition point (app/main.tsx, app/composition/).',
      severity: 'error',
      from: { path: '^app/ui/' },
      to: { path: '^app/(methods|card|readers|composition)/' },
    },
    {
      name: 'composition-only-from-entry',
      comment: 'The composition point is used by the entry point only.',
      severity: 'error',
      from: { path: '^app/', pathNot: '^app/(main\\.tsx$|composition/)' },
      to: { path: '^app/composition/' },
    },
    {
      name: 'no-react-below-ui',
      comment: 'Only app/ui (and the entry point) may use React or the React binding of zustand.',
      severity: 'error',
      from: { path: '^app/(policy|store|methods|card|readers|ocr|audit|staff|pwa|errors|composition)/' },
      to: { path: 'node_modules/(react|react-dom|zustand/(index|react)|zustand/esm/(index|react))' },
    },
    {
      name: 'store-not-ui',
      severity: 'error',
      from: { path: '^app/store/' },
      to: { path: '^app/ui/' },
    },
    {
      name: 'methods-not-store-or-ui',
      severity: 'error',
      from: { path: '^app/methods/' },
      to: { path: '^app/(store|ui)/' },
    },
    {
      name: 'audit-below-store',
      comment:
        'The audit log (app/audit) sits under the store: it knows the policy types and the method ids, nothing else of the app.',
      severity: 'error',
      from: { path: '^app/audit/', pathNot: '\\.test\\.ts$' },
      to: { path: '^app/', pathNot: '^app/(audit/|policy/|errors/|methods/method-id\\.ts$)' },
    },
    {
      name: 'staff-is-self-contained',
      comment: 'The staff PIN check (app/staff) is plain WebCrypto: it imports nothing of the app but the config.',
      severity: 'error',
      from: { path: '^app/staff/', pathNot: '\\.test\\.ts$' },
      to: { path: '^app/', pathNot: '^app/(staff/|config\\.ts$)' },
    },
    {
      name: 'card-knows-no-transport',
      comment: 'The card layer speaks APDUs through the CardTransport interface only.',
      severity: 'error',
      from: { path: '^app/card/' },
      to: { path: '^app/(readers|methods|store|ui)/' },
    },
    {
      name: 'transport-knows-no-card',
      comment:
        'A reader moves bytes; it may implement app/card/transport.ts and use the byte helpers, the one BER-TLV codec and the APDU codec (to redact the reader trace), nothing else of the card.',
      severity: 'error',
      from: { path: '^app/readers/', pathNot: '\\.test\\.ts$' },
      to: {
        path: '^app/(card|methods|store|ui|policy)/',
        pathNot: '^app/card/(transport|transport-errors|bytes|ber-tlv|apdu)\\.ts$',
      },
    },
    {
      name: 'app-not-tests',
      comment:
        'Application code never imports tests, e2e code or mocks; only app/demo (lazy, demo mode) uses the simulators.',
      severity: 'error',
      from: { path: '^app/', pathNot: '(\\.test\\.tsx?$|^app/demo/)' },
      to: { path: '(^e2e/|^mocks/|\\.test\\.tsx?$)' },
    },
    {
      name: 'demo-only-from-ui',
      comment: 'The demo hardware is reached only from the UI entry, lazily.',
      severity: 'error',
      from: { path: '^app/', pathNot: '^app/(ui|demo)/|^app/main\\.tsx$' },
      to: { path: '^app/demo/' },
    },
    {
      name: 'bridge-only-protocol',
      comment:
        'The Node bridge shares with the app the wire protocol, the secure channel and pairing parameters, the card policy (the same tables the app uses) and the byte helpers, and nothing else: no UI, store or methods. Its tests and the bench drive it with the page client itself (connection, pairing keys).',
      severity: 'error',
      from: { path: '^bridge/', pathNot: '^bridge/(bench\\.ts|testing/.*|.*\\.test\\.ts)$' },
      to: {
        path: '^app/',
        pathNot:
          '^app/(readers/pcsc-bridge/(protocol|default-port|channel|pake-params)|card/mynumber/card-(policy|access-guard)|card/bytes)\\.ts$',
      },
    },
    {
      name: 'bridge-tests-only-client',
      comment: 'The bridge tests and bench use the page client (and the card policy), nothing else of the app.',
      severity: 'error',
      from: { path: '^bridge/(bench\\.ts|testing/.*|.*\\.test\\.ts)$' },
      to: {
        path: '^app/',
        pathNot:
          '^app/(readers/pcsc-bridge/.*|card/mynumber/card-(policy|access-guard)|card/bytes|card/transport(-errors)?)\\.ts$',
      },
    },
    {
      name: 'app-not-bridge',
      comment: 'The page never imports the Node bridge; the two meet only on the wire.',
      severity: 'error',
      from: { path: '^(app|mocks|e2e)/' },
      to: { path: '^bridge/' },
    },
    {
      name: 'pwa-only-from-entry',
      comment: 'The service worker registration is loaded by the entry point only, lazily after the first render.',
      severity: 'error',
      from: { path: '^app/', pathNot: '^app/(main\\.tsx$|pwa/)' },
      to: { path: '^app/pwa/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
