import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDevToken, type DevToken } from './dev-token.js';
import { runCli } from './run-cli.js';
import { expect, test } from './web-host-fixture.js';

export interface TokenHost {
  /** The spec's SoftHSM2 token (made once per spec file). */
  readonly token: () => DevToken;
  /** A folder of the spec's own, removed with the token: downloads, drafts. */
  readonly dir: () => string;
  /** The CLI on the host's data folder, seeing the same token; fails the test on a non-zero exit. */
  readonly cli: (dataDir: string, args: readonly string[], env?: NodeJS.ProcessEnv) => Promise<string>;
  /** A drafted, submitted and approved document, made through the CLI, for specs whose screen comes after that. */
  readonly approvedDraft: (dataDir: string, subject: string, pdf: string) => Promise<string>;
}

/**
 * A real token for a signing spec: made in beforeAll, handed to the web host (the signer's workstation sees it
 * through the module an admin configured), removed in afterAll.
 */
export function useTokenHost(names: { agency: string; leader: string }): TokenHost {
  let dir = '';
  let token: DevToken | undefined;
  test.beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'eoffice-e2e-token-'));
    token = await makeDevToken(join(dir, 'token'), names);
  });
  test.afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  test.use({ webHostEnv: {} });
  test.beforeEach(({ webHostEnv }) => {
    Object.assign(webHostEnv, { SOFTHSM2_CONF: current().softhsm2Conf, EOFFICE_PKCS11_MODULES: current().module });
  });
  const current = (): DevToken => {
    if (!token) throw new Error('the spec token is made in beforeAll');
    return token;
  };
  const cli = async (dataDir: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<string> => {
    const run = await runCli([...args, '--data-dir', dataDir], { SOFTHSM2_CONF: current().softhsm2Conf, ...env });
    expect(run.code, run.stderr).toBe(0);
    return run.stdout;
  };
  return {
    token: current,
    dir: () => dir,
    cli,
    approvedDraft: async (dataDir, subject, pdf) => {
      const drafted = await cli(dataDir, ['doc', 'draft', '--type', 'QĐ', '--subject', subject, '--file', pdf, '--to', '000.00.03.Z99', '--signer', 'lanhdao', '--as', 'chuyenvien', '--json']);
      const { id } = JSON.parse(drafted) as { id: string };
      await cli(dataDir, ['doc', 'submit', id, '--as', 'chuyenvien']);
      await cli(dataDir, ['doc', 'approve', id, '--as', 'lanhdao']);
      return id;
    },
  };
}
