// The modules `pnpm mutate` runs StrykerJS over (issue 15 item 1): what decides trust and access. Each lists the
// source it mutates and the only tests that run against it, so one module fits a shared 2-core machine. CLI tests are
// left out on purpose: they start the prebuilt bundle (scripts/eoffice/build), which never contains a mutant.
// The numbering race test is left out too: its children number in other processes, where no mutant is active.
// Order: smallest first, as the README's table.

/**
 * `parts`: for a part of a module run on its own (`EOFFICE_MUTATE_PART=NAME pnpm mutate MODULE -- --mutate …`), the
 * tests that cover that part directly, when the module's list is far too slow for it. Leaving tests out can only
 * leave mutants alive, never kill one: a part's score is a lower bound.
 * @type {Record<string, { mutate: string[]; tests: string[]; parts?: Record<string, string[]> }>}
 */
export const MUTATION_MODULES = {
  numbering: {
    mutate: ['packages/docs-core/src/numbering/*.ts', '!packages/docs-core/src/numbering/index.ts'],
    tests: [
      'packages/docs-core/test/document-types-and-numbers.test.ts',
      'packages/docs-core/test/numbering-units.test.ts',
    ],
  },
  'audit-chain': {
    mutate: [
      'packages/docs-core/src/audit/audit-entry-hash.ts',
      'packages/docs-core/src/audit/audit-log.ts',
      'packages/docs-core/src/bulk/audit-chain-links.ts',
    ],
    // Every in-process test of the chain, on both dialects when EOFFICE_TEST_PG_URL is set (source /tmp/pgenv.sh):
    // the anchors, the concurrent writers (the PostgreSQL advisory lock) and the viewer's filters append and verify too.
    tests: [
      'packages/docs-core/test/audit-log.test.ts',
      'packages/docs-core/test/audit-chain-exact.test.ts',
      'packages/docs-core/test/audit-anchors.test.ts',
      'packages/docs-core/test/audit-concurrency.test.ts',
      'packages/docs-core/test/audit-list-filters.test.ts',
      'packages/docs-core/test/bulk-import.test.ts',
    ],
  },
  'web-host': {
    mutate: ['packages/host/src/web/*.ts'],
    tests: [
      'packages/host/test/web-host.test.ts',
      'packages/host/test/web-host-raw-requests.test.ts',
      'packages/host/test/web-static-and-security.test.ts',
      'packages/host/test/contract-routes-exact.test.ts',
      'packages/host/test/contract-routes-files.test.ts',
      'packages/host/test/lingering-close.test.ts',
      'packages/host/test/web-host-edges.test.ts',
      'packages/host/test/contract-routes-keep-alive.test.ts',
    ],
  },
  'contract-dispatcher': {
    mutate: ['packages/contract/src/dispatcher.ts'],
    tests: ['packages/contract/test/dispatcher.test.ts'],
  },
  // The rule tables themselves are the specification the test is generated from: a changed row changes the test, so
  // the rows are not mutated. What is mutated is what enforces them: ruleFor, checkedDocument, the secret visibility.
  // The line ranges must follow the code: check them when lifecycle.ts or workflow-core.ts change (the giveOpinion row
  // once moved ruleFor down, and the rule's own row was mutated instead).
  'rule-table': {
    mutate: [
      'packages/docs-core/src/workflow/lifecycle.ts:103-106',
      'packages/docs-core/src/workflow/workflow-core.ts:99-118',
      'packages/docs-core/src/users/secret-access.ts',
    ],
    tests: [
      'packages/docs-core/test/lifecycle-rule-table.test.ts',
      'packages/docs-core/test/secret-visibility.test.ts',
      'packages/docs-core/test/rule-checks-exact.test.ts',
    ],
  },
  // Its own tests only: the path cases (openssl-made chains in signed PDFs), the chain unit cases and anchor loading.
  // The other verifier tests also cover this code but each takes minutes under mutation; they can only add kills.
  'verifier-certificates': {
    mutate: ['packages/signing/src/verify/certificates/*.ts'],
    tests: ['packages/signing/test/verify/certificate-', 'packages/signing/test/verify/trust-anchors.test.ts', 'packages/signing/test/verify/trust-anchors-reread.test.ts'],
  },
  // cms: the files that judge CMS, each covered per test. Left out: every file that signs B-T in beforeAll (ltv/,
  // verify/ltv-*, problem-codes-ltv): the TSA client checks its token with verifyCmsSignature, so with them 46% of
  // the mutants were static (run against every test, est. 9-15 h); cms-timestamp-openssl.test.ts raises the same
  // timestamp codes from tokens openssl makes, inside each test. Also left out: certificate-paths (a minute a pass,
  // its own module's) and the files that raise no CMS code (hostile, permissions, byte-range, coverage).
  'verifier-cms': {
    mutate: ['packages/signing/src/verify/cms/*.ts'],
    tests: [
      'packages/signing/test/verify/signature-value.test.ts',
      'packages/signing/test/verify/signature-algorithms-table.test.ts',
      'packages/signing/test/verify/cms-',
      'packages/signing/test/verify/problem-codes-cms.test.ts',
      'packages/signing/test/verify-fixtures.test.ts',
      'packages/signing/test/verify-tampering.test.ts',
    ],
  },
  // ltv, modifications, report: also the problem-code tests (verify/problem-codes-*), each raising its codes from a
  // real file; they reach every verifier folder.
  // byte-range: every verify call runs this code, so every test covers nearly every mutant and each mutant's run
  // starts every covering file's beforeAll again. The list is the files that judge the byte-range room (its codes, the
  // gap, the digest, the coverage, real-world files, pdfsig-signed tampering); left out: the 21 MB hostile file,
  // the form-permission, LTV (a TSA in beforeAll) and helper files, which raise none of its codes and can only add
  // kills. With all of them a full run was estimated at 4–5 h at load 10–13.
  'verifier-byte-range': {
    mutate: ['packages/signing/src/verify/byte-range/*.ts'],
    tests: [
      'packages/signing/test/verify/byte-range-',
      'packages/signing/test/verify/coverage-tail.test.ts',
      'packages/signing/test/verify/problem-codes-byte-range.test.ts',
      'packages/signing/test/verify/problem-codes-cms.test.ts',
      'packages/signing/test/verify/problem-codes-modifications.test.ts',
      'packages/signing/test/verify-fixtures.test.ts',
      'packages/signing/test/verify-tampering.test.ts',
    ],
  },
  'verifier-ltv': {
    mutate: ['packages/signing/src/verify/ltv/*.ts'],
    tests: [
      'packages/signing/test/verify-',
      'packages/signing/test/ltv/',
      'packages/signing/test/verify/problem-codes-',
      'packages/signing/test/verify/ltv-',
    ],
  },
  // modifications: the files that raise or assert its codes (MODIFIED_*, DOCMDP/FIELDMDP_VIOLATION, PAGE_COUNT_CHANGED,
  // ANNOTATION_*, SHADOW_SUSPECT, NONSTANDARD_COVERAGE) or its verdict, on real files. Left out: every file with a TSA
  // in beforeAll (ltv/, verify/ltv-*, problem-codes-ltv), the 21 MB hostile file and the files that raise none of its
  // codes (cms-*, certificate-*, the other problem-code files): they can only add kills, at minutes a pass.
  'verifier-modifications': {
    mutate: ['packages/signing/src/verify/modifications/*.ts'],
    tests: [
      'packages/signing/test/verify/modification-',
      'packages/signing/test/verify/problem-codes-modifications.test.ts',
      'packages/signing/test/verify-permissions.test.ts',
      'packages/signing/test/verify-tampering.test.ts',
      'packages/signing/test/verify-fixtures.test.ts',
      'packages/signing/test/verify/coverage-tail.test.ts',
      'packages/signing/test/verify/byte-range-coverage-markers.test.ts',
      'packages/signing/test/verify-edxml-government-pdf.test.ts',
    ],
    parts: {
      // pdf-object-equality.ts runs on every object of every update, so each surviving mutant ran all 12 files (about
      // 2 min apiece at load 8-10, an hour estimated for 138 mutants): its own vectors and the two files that read
      // each change's level back through a verdict.
      equality: [
        'packages/signing/test/verify/modification-object-equality.test.ts',
        'packages/signing/test/verify/modification-form-shapes.test.ts',
        'packages/signing/test/verify/modification-revision-changes-exact.test.ts',
      ],
      // content-stream-scan.ts: its hand-written streams and the shadow-attack files, whose pre-check warnings it feeds.
      'content-scan': [
        'packages/signing/test/verify/modification-content-scan.test.ts',
        'packages/signing/test/verify-fixtures.test.ts',
      ],
      // object-roles.ts runs on every revision of every test: its own vectors, the files that read each change's level
      // (which depends on the role) back through a verdict, the problem-code file and the shadow-attack files (whose
      // unused-object warning reads its list of referenced objects).
      roles: [
        'packages/signing/test/verify/modification-object-roles.test.ts',
        'packages/signing/test/verify/modification-revision-changes-exact.test.ts',
        'packages/signing/test/verify/modification-form-shapes.test.ts',
        'packages/signing/test/verify/modification-signature-fields.test.ts',
        'packages/signing/test/verify/problem-codes-modifications.test.ts',
        'packages/signing/test/verify-fixtures.test.ts',
      ],
      // shadow-suspects.ts: its own vectors (textRunsInside too) and the shadow-attack files. With the problem-code file
      // and modification-verdict-exact as well, each survivor took about 2.5 min at load 18 (70 min estimated).
      shadow: [
        'packages/signing/test/verify/modification-shadow-suspects.test.ts',
        'packages/signing/test/verify-fixtures.test.ts',
      ],
      // revision-changes.ts outside judgeKey (classifyRevision, the field list, annotations, appearances): its own
      // vectors (classifyRevision called on unsigned files with hand-made updates), the object-stream update, and the
      // two files that read each change's level or refusal back from a verdict. Lean: at load 16-18 the list with the
      // problem-code, tampering and shadow-attack files estimated over 2 h for 181 mutants.
      revisions: [
        'packages/signing/test/verify/modification-revision-edges.test.ts',
        'packages/signing/test/verify/modification-object-stream-update.test.ts',
        'packages/signing/test/verify/modification-revision-changes-exact.test.ts',
        'packages/signing/test/verify/modification-form-shapes.test.ts',
      ],
      // The same part's own vectors only (about a second a pass): a first run with them, then the same incremental file
      // with the part above, which re-tests only the survivors.
      'revisions-unit': [
        'packages/signing/test/verify/modification-revision-edges.test.ts',
        'packages/signing/test/verify/modification-object-stream-update.test.ts',
      ],
    },
  },
  // report: verifyPdfSignatures runs in every test, so a surviving mutant runs the whole list. Left out: the 21 MB
  // hostile file and ltv-verdicts-exact (21 s a pass, a TSA in beforeAll; the report only carries its verdicts over).
  'verifier-report': {
    mutate: ['packages/signing/src/verify/report/*.ts'],
    tests: [
      'packages/signing/test/verify/acceptable-verdict.test.ts',
      'packages/signing/test/verify/pdf-date-vectors.test.ts',
      'packages/signing/test/verify-asn1-helpers.test.ts',
      'packages/signing/test/verify/problem-codes-',
      'packages/signing/test/verify-fixtures.test.ts',
      'packages/signing/test/verify-tampering.test.ts',
      'packages/signing/test/verify-permissions.test.ts',
      'packages/signing/test/verify-edxml-government-pdf.test.ts',
      'packages/signing/test/verify/coverage-tail.test.ts',
      // verify-pdf-signatures.ts's own cases (a direct /V, the stack exhausted, …): small files, one concept each.
      'packages/signing/test/verify/report-',
      // Its verdicts whole: levels, timestamps and revocation, permissions and shadow checks.
      'packages/signing/test/verify/ltv-',
      'packages/signing/test/verify/modification-permissions-exact.test.ts',
      'packages/signing/test/verify/modification-shadow-suspects.test.ts',
      'packages/signing/test/verify/modification-verdict-exact.test.ts',
      // 1,000 fields on one /V, its bytes read once: what the report's caches (one digest per byte range, one CMS
      // check per /V) are for.
      'packages/signing/test/verify-hostile-files.test.ts',
    ],
    parts: {
      // pdf-date.ts: the two files that call parsePdfDate on hand-worked vectors. Every other file reaches it only
      // through a signature's /M, which the report carries as signingTime.
      'pdf-date': [
        'packages/signing/test/verify/pdf-date-vectors.test.ts',
        'packages/signing/test/verify-asn1-helpers.test.ts',
      ],
      // verify-problem.ts: the problem-code file that asserts both severities and a message's exact words.
      problem: ['packages/signing/test/verify/problem-codes-modifications.test.ts'],
      // verify-report.ts: the bottom line's own cases, one per condition.
      report: ['packages/signing/test/verify/acceptable-verdict.test.ts'],
      // verify-pdf-signatures.ts from trust to the end (levels, timestamps, revocation, permissions, shadow checks):
      // the files that compare whole verdicts or name a code these lines raise. Every verification passes here, so
      // the module's full list runs each mutant for minutes; this one is a lower bound of it.
      verdicts: [
        'packages/signing/test/verify/report-',
        'packages/signing/test/verify/ltv-verdicts-exact.test.ts',
        'packages/signing/test/verify/ltv-revoked-ca.test.ts',
        'packages/signing/test/verify/ltv-timestamp-chain.test.ts',
        'packages/signing/test/verify/problem-codes-ltv.test.ts',
        'packages/signing/test/verify/problem-codes-cms.test.ts',
        'packages/signing/test/verify/problem-codes-modifications.test.ts',
        'packages/signing/test/verify/modification-permissions-exact.test.ts',
        'packages/signing/test/verify/modification-shadow-suspects.test.ts',
        'packages/signing/test/verify/modification-verdict-exact.test.ts',
        'packages/signing/test/verify-permissions.test.ts',
        'packages/signing/test/verify-tampering.test.ts',
      ],
    },
  },
};

/** The module named, with its tests narrowed to those of `part` (EOFFICE_MUTATE_PART) when one is named. */
export function mutationModule(name, part = process.env.EOFFICE_MUTATE_PART) {
  const found = MUTATION_MODULES[name ?? ''];
  if (!found) {
    throw new Error(`unknown mutation module "${name}"; one of: ${Object.keys(MUTATION_MODULES).join(', ')}`);
  }
  if (!part) return found;
  const tests = found.parts?.[part];
  if (!tests) {
    throw new Error(`module "${name}" has no part "${part}"; one of: ${Object.keys(found.parts ?? {}).join(', ')}`);
  }
  return { ...found, tests };
}
