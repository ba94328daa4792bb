// The runner's own logic, without the suite: reading the profile, the junit report and the
// README's refusals table, and the verdict (unexpected failure, expected failure, refusal
// now passing, refusal matching nothing). The suite itself runs in `npm run test:conformance`.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseJunit, summarize, type CheckResult } from './junit';
import { parseProfile, ProfileError, readProfile } from './profile';
import { formatReference, parseReference } from './reference';
import { parseRefusals, refusalMatches, RefusalsError, type Refusal } from './refusals';
import { formatVerdict } from './report';
import { EMULATOR_README, PROFILE_PATH, SEED_PATH } from './suite';
import { parseTarget, seedTarget } from './targets';
import { judge } from './verdict';

const JUNIT = `<testsuites time="1.8" tests="9" failures="3" skipped="2" disabled="1">
  <testsuite name="OCI Conformance Test" tests="9" failures="3">
    <properties><property name="Config" value="registry: x"></property></properties>
    <testcase name="OCI Conformance Test/ping" classname="" time="0.02" status="passed">
      <system-err>~~~ REQUEST ~~~&#xA;GET /v2/</system-err>
    </testcase>
    <testcase name="OCI Conformance Test/image/push/blob-post-only" classname="" time="0.001" status="failure">
      <system-out>blob post failed: expected one of [201 202], received 404&#xA;missing header &#34;Location&#34;</system-out>
      <system-err>…</system-err>
    </testcase>
    <testcase name="OCI Conformance Test/image/push/blob-delete" classname="" status="passed"></testcase>
    <testcase name="OCI Conformance Test/image/push/blob-delete" classname="" status="failure">
      <system-out>blob delete failed &amp; left &lt;data&gt;</system-out>
    </testcase>
    <testcase name="OCI Conformance Test/image-uncompressed/push/manifest-put-by-digest" status="failure"><system-out>400</system-out></testcase>
    <testcase name="OCI Conformance Test/empty/referrers" classname="" time="0" status="skipped"></testcase>
    <testcase name="OCI Conformance Test/image-uncompressed/pull/blob-get" status="skipped"/>
  </testsuite>
</testsuites>`;

const readme = (rows: string[]) =>
  [
    '# Emulator',
    '## Conformance',
    'prose',
    '### Conformance refusals',
    '',
    'Checks the emulator fails on purpose.',
    '',
    '| Check | VCR rule | Where VCR documents it |',
    '| ----- | -------- | ---------------------- |',
    ...rows,
    '',
    'After the table.',
  ].join('\n');

const result = (name: string, status: CheckResult['status'], occurrence = 1): CheckResult => ({
  name,
  occurrence,
  status,
  message: '',
});
const refusal = (check: string, line = 10): Refusal => ({
  check,
  rule: 'Layers must be gzip or zstd',
  source: 'vcr-api.md',
  line,
});

describe('parseJunit', () => {
  it('reads each testcase: name without the suite root, status, occurrence, first failure line', () => {
    const results = parseJunit(JUNIT);
    expect(results).toEqual([
      { name: 'ping', occurrence: 1, status: 'passed', message: '' },
      {
        name: 'image/push/blob-post-only',
        occurrence: 1,
        status: 'failed',
        message: 'blob post failed: expected one of [201 202], received 404',
      },
      { name: 'image/push/blob-delete', occurrence: 1, status: 'passed', message: '' },
      {
        name: 'image/push/blob-delete',
        occurrence: 2,
        status: 'failed',
        message: 'blob delete failed & left <data>',
      },
      {
        name: 'image-uncompressed/push/manifest-put-by-digest',
        occurrence: 1,
        status: 'failed',
        message: '400',
      },
      { name: 'empty/referrers', occurrence: 1, status: 'skipped', message: '' },
      { name: 'image-uncompressed/pull/blob-get', occurrence: 1, status: 'skipped', message: '' },
    ]);
    expect(summarize(results)).toEqual({ passed: 2, failed: 3, skipped: 2 });
  });
  it('reads junit writers that nest <failure>/<skipped> instead of a status attribute', () => {
    const xml = `<testsuite name="s"><testcase name="a"><failure message="boom&#xA;more"/></testcase>
      <testcase name="b"><skipped/></testcase><testcase name="c"/></testsuite>`;
    expect(parseJunit(xml).map((r) => [r.name, r.status, r.message])).toEqual([
      ['a', 'failed', 'boom'],
      ['b', 'skipped', ''],
      ['c', 'passed', ''],
    ]);
  });
  it('refuses a file that is not a junit report', () => {
    expect(() => parseJunit('<html>502 Bad Gateway</html>')).toThrow(/not a junit report/);
  });
});

describe('parseRefusals', () => {
  it('reads the rows of the table under "### Conformance refusals", backticks and root removed', () => {
    const refusals = parseRefusals(
      readme([
        '| `image-uncompressed/push/manifest-put-by-digest` | Layers must be gzip or zstd | vcr-api.md, Money and limits |',
        '| `OCI Conformance Test/image-uncompressed/*` | Layers must be gzip or zstd | limits page |',
      ]),
    );
    expect(refusals).toEqual([
      {
        check: 'image-uncompressed/push/manifest-put-by-digest',
        rule: 'Layers must be gzip or zstd',
        source: 'vcr-api.md, Money and limits',
        line: 10,
      },
      {
        check: 'image-uncompressed/*',
        rule: 'Layers must be gzip or zstd',
        source: 'limits page',
        line: 11,
      },
    ]);
  });
  it('reads an empty table as no refusals', () => {
    expect(parseRefusals(readme([]))).toEqual([]);
  });
  it('refuses a README without the section, a wrong header, empty cells, duplicates and a bare *', () => {
    expect(() => parseRefusals('# Emulator\n')).toThrow(RefusalsError);
    expect(() => parseRefusals('# Emulator\n')).toThrow(/no "### Conformance refusals" section/);
    expect(() => parseRefusals('### Conformance refusals\n\nprose\n## Next\n| a |')).toThrow(
      /has no table/,
    );
    expect(() =>
      parseRefusals(readme([]).replace('| Check | VCR rule |', '| Check | Rule |')),
    ).toThrow(/needs the columns Check \| VCR rule \| Where VCR documents it/);
    expect(() => parseRefusals(readme(['| `a/b` | | somewhere |']))).toThrow(
      /README.md:10: Check, VCR rule and Where VCR documents it are required/,
    );
    expect(() => parseRefusals(readme(['| a | rule |']))).toThrow(/needs 3 cells/);
    expect(() => parseRefusals(readme(['| a/b | r | s |', '| `a/b` | r | s |']))).toThrow(
      /README.md:11: a\/b is listed twice/,
    );
    expect(() => parseRefusals(readme(['| `*` | r | s |']))).toThrow(/would refuse every check/);
  });
});

describe('refusalMatches', () => {
  it('matches a path exactly, or with * standing for any text anywhere', () => {
    expect(refusalMatches({ check: 'image/push/blob-delete' }, 'image/push/blob-delete')).toBe(
      true,
    );
    expect(refusalMatches({ check: 'image/push/blob-delete' }, 'image/push/blob-delete2')).toBe(
      false,
    );
    expect(refusalMatches({ check: 'image-uncompressed/*' }, 'image-uncompressed/pull/x')).toBe(
      true,
    );
    expect(refusalMatches({ check: 'image-uncompressed/*' }, 'image/pull/x')).toBe(false);
    expect(refusalMatches({ check: '*/blob-delete' }, 'sha256 blobs/mount (x)/blob-delete')).toBe(
      true,
    );
    expect(refusalMatches({ check: '*/blob-delete' }, 'image/delete/blob-delete-all')).toBe(false);
    // Regex characters in a check are literal.
    expect(refusalMatches({ check: 'a/(b)+/*' }, 'a/(b)+/c')).toBe(true);
    expect(refusalMatches({ check: 'a/(b)+/*' }, 'a/bb/c')).toBe(false);
  });
});

describe('judge', () => {
  it('is green when every failure is a documented refusal and each refusal still fails', () => {
    const v = judge(
      [
        result('ping', 'passed'),
        result('image-uncompressed/push/manifest-put-by-digest', 'failed'),
        result('image-uncompressed/pull/blob-get', 'skipped'),
      ],
      [refusal('image-uncompressed/push/manifest-put-by-digest')],
    );
    expect(v).toMatchObject({ ok: true, unexpected: [], nowPassing: [], unmatched: [] });
    expect(v.expected.map((r) => r.name)).toEqual([
      'image-uncompressed/push/manifest-put-by-digest',
    ]);
  });
  it('fails on a failure that no refusal covers', () => {
    const v = judge(
      [result('image/push/blob-delete', 'passed'), result('image/push/blob-delete', 'failed', 2)],
      [],
    );
    expect(v.ok).toBe(false);
    expect(v.unexpected).toEqual([result('image/push/blob-delete', 'failed', 2)]);
  });
  it('fails on a documented refusal that now passes, and on one that matches no check', () => {
    const passing = refusal('image-uncompressed/*', 10);
    const typo = refusal('image-uncompresed/push/manifest-put', 11);
    const v = judge(
      [
        result('image-uncompressed/push/manifest-put-by-digest', 'passed'),
        result('image-uncompressed/pull/blob-get', 'passed'),
      ],
      [passing, typo],
    );
    expect(v.ok).toBe(false);
    expect(v.unexpected).toEqual([]);
    expect(v.nowPassing).toEqual([passing]);
    expect(v.unmatched).toEqual([typo]);
  });
  it('sees a refusal in a skip: the suite skips a step the registry answered as unsupported', () => {
    const v = judge(
      [result('image/delete/blob-delete', 'skipped'), result('index/delete/blob-delete', 'passed')],
      [refusal('*/blob-delete')],
      ['image/delete/blob-delete', 'index/delete/blob-delete'],
    );
    expect(v).toMatchObject({ ok: true, nowPassing: [], unmatched: [], notRun: [] });
  });
  it('keeps a prefix refusal while any of its checks still fails', () => {
    const v = judge(
      [
        result('image-uncompressed/push/manifest-put-by-digest', 'failed'),
        result('image-uncompressed/push/blob-post-only', 'passed'),
      ],
      [refusal('image-uncompressed/*')],
    );
    expect(v.ok).toBe(true);
    expect(v.expected).toHaveLength(1);
  });
});

describe('judge against the reference registry passes', () => {
  const reference = [
    'ping',
    'image/push/blob-delete',
    'image/push/blob-delete (#2)',
    'image/pull/manifest-by-tag',
    'image-uncompressed/pull/blob-get',
  ];
  it('fails on a check the reference passes that was skipped or never ran here (a skip is not a pass)', () => {
    const v = judge(
      [
        result('ping', 'passed'),
        result('image/push/blob-delete', 'passed'),
        { ...result('image/push/blob-delete', 'skipped', 2), message: 'registry returned 405' },
        result('image-uncompressed/pull/blob-get', 'skipped'),
      ],
      [refusal('image-uncompressed/*')],
      reference,
    );
    expect(v.ok).toBe(false);
    expect(v.notRun).toEqual([
      {
        check: 'image/push/blob-delete (#2)',
        status: 'skipped',
        message: 'registry returned 405',
      },
      { check: 'image/pull/manifest-by-tag', status: 'absent', message: '' },
    ]);
    // The refused branch's skip is the refusal observed, not a reference pass missed.
    expect(v.unmatched).toEqual([]);
  });
  it('does not count a failed reference pass twice (it is already an unexpected failure)', () => {
    const v = judge([result('ping', 'failed')], [], ['ping']);
    expect(v.unexpected).toHaveLength(1);
    expect(v.notRun).toEqual([]);
  });
  it('the reference list round-trips through its file format, occurrences included', () => {
    const text = formatReference(
      [
        result('ping', 'passed'),
        result('image/push/blob-delete', 'failed'),
        result('image/push/blob-delete', 'passed', 2),
        result('empty/referrers', 'skipped'),
      ],
      'distribution 2.8',
    );
    // Sorted, so a rerun that reports branches in another order rewrites nothing.
    expect(text).toMatch(/^# Checks distribution 2\.8 passes with .*\(2\)\.$/m);
    expect(parseReference(text)).toEqual(['image/push/blob-delete (#2)', 'ping']);
  });
});

describe('formatVerdict', () => {
  it('names each failure and never prints the "N passed, N failed" shape CI reads from npm test', () => {
    const results = parseJunit(JUNIT);
    const v = judge(results, [
      refusal('image-uncompressed/push/manifest-put-by-digest'),
      refusal('ping', 12),
    ]);
    const text = formatVerdict('standalone emulator', summarize(results), v).join('\n');
    expect(text).toContain('pass 2 · fail 3 · skip 2 (of which 1 documented VCR refusals)');
    expect(text).toContain(
      '✗ image/push/blob-post-only — blob post failed: expected one of [201 202], received 404',
    );
    expect(text).toContain('✗ image/push/blob-delete (#2) — blob delete failed & left <data>');
    expect(text).toContain('! ping (README line 12)');
    expect(text).toMatch(/NOT CONFORMANT: 2 undocumented failures, 1 refusals now passing/);
    const notRun = formatVerdict('emulator', summarize(results), {
      ...v,
      notRun: [{ check: 'image/pull/manifest-by-tag', status: 'skipped', message: '405' }],
    }).join('\n');
    expect(notRun).toContain('– image/pull/manifest-by-tag (skipped: 405)');
    expect(notRun).toContain('1 reference passes not run.');
    expect(text).not.toMatch(/\d+ passed, \d+ failed/);
  });
});

describe('parseProfile', () => {
  it('reads OCI_ switches under comments', () => {
    expect(parseProfile('# why\nOCI_API_REFERRER=false\n\n# why\nOCI_DATA_IMAGE=true\n')).toEqual({
      OCI_API_REFERRER: 'false',
      OCI_DATA_IMAGE: 'true',
    });
  });
  it('refuses other lines, runner-owned settings and a switch set twice, naming the line', () => {
    expect(() => parseProfile('OCI_DATA_IMAGE=true\nexport FOO=1', 'p.env')).toThrow(
      'p.env:2: expected OCI_NAME=value, got "export FOO=1"',
    );
    expect(() => parseProfile('OCI_REGISTRY=localhost:5000')).toThrow(ProfileError);
    expect(() => parseProfile('OCI_REGISTRY=localhost:5000')).toThrow(/set by the runner/);
    expect(() => parseProfile('OCI_DATA_IMAGE=true\nOCI_DATA_IMAGE=false')).toThrow(/set twice/);
  });
  it('the repository profile states VCR claims, with one comment line per switch', () => {
    const profile = readProfile(PROFILE_PATH);
    expect(profile).toMatchObject({
      OCI_API_BLOBS_UPLOAD_CANCEL: 'true',
      OCI_API_REFERRER: 'false',
      OCI_DATA_INDEX_LIST: 'true',
      OCI_DATA_EMPTY_BLOB: 'true',
      OCI_DATA_CUSTOM_FIELDS: 'true',
      OCI_DATA_SHA512: 'false',
      OCI_DATA_SUBJECT: 'false',
      OCI_DATA_SUBJECT_MISSING: 'false',
      OCI_DATA_SUBJECT_LIST: 'false',
      OCI_DATA_ARTIFACT: 'false',
      OCI_DATA_ARTIFACT_LIST: 'false',
      OCI_DATA_NONDISTRIBUTABLE: 'false',
    });
    const lines = readFileSync(PROFILE_PATH, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (line.startsWith('OCI_')) expect(lines[i - 1], line).toMatch(/^# \S/);
    });
  });
});

describe('the repository inputs', () => {
  it("emulator/README.md's refusals table parses", () => {
    expect(() => parseRefusals(readFileSync(EMULATOR_README, 'utf8'))).not.toThrow();
  });
  it('the conformance seed gives the suite its credentials and two repositories', () => {
    expect(seedTarget(SEED_PATH)).toEqual({
      username: 'team_conformance',
      password: 'vcr_conformance_token',
      repo1: 'oci/suite/conformance-a',
      repo2: 'oci/suite/conformance-b',
    });
  });
});

describe('parseTarget', () => {
  it('defaults to the emulator and takes --target=dashboard or --target dashboard', () => {
    expect(parseTarget([])).toBe('emulator');
    expect(parseTarget(['--target=dashboard'])).toBe('dashboard');
    expect(parseTarget(['--target', 'dashboard'])).toBe('dashboard');
  });
  it('refuses anything else', () => {
    expect(() => parseTarget(['--target=vercel'])).toThrow(/emulator or dashboard, got "vercel"/);
    expect(() => parseTarget(['--fast'])).toThrow(/unknown argument "--fast"/);
  });
});
