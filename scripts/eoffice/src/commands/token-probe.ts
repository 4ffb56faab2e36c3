import { probeKnownModules, type ProbedCandidate } from '@eoffice/signing/token';
import type { CommandContext } from '../command.js';

/**
 * `eoffice token probe`: which PKCS#11 modules of Vietnamese CAs are installed here, each loaded in a child process so
 * that a broken vendor driver cannot crash the CLI. `--pkcs11` adds custom paths (repeatable).
 */
export async function runTokenProbe(context: CommandContext): Promise<number> {
  const custom = context.values.pkcs11;
  const customPaths = Array.isArray(custom) ? custom.filter((value): value is string => typeof value === 'string') : [];
  const probed = await probeKnownModules(customPaths);
  if (context.json) {
    context.io.stdout(`${JSON.stringify({ modules: probed })}\n`);
    return 0;
  }
  context.io.stdout(probed.length === 0 ? 'Không thấy mô-đun PKCS#11 nào / no PKCS#11 module found\n' : probed.map(toText).join(''));
  return 0;
}

function toText(candidate: ProbedCandidate): string {
  const { result } = candidate;
  const head = `${candidate.vendor}: ${candidate.path}${candidate.verified ? '' : ' (chưa kiểm chứng / unverified)'}\n`;
  if (result.status !== 'ok') return `${head}  ${result.status}: ${result.detail}\n`;
  const tokens = result.slots
    .filter((slot) => slot.token && (slot.token.flags & 0x400) !== 0) // CKF_TOKEN_INITIALIZED: skip SoftHSM's spare slot
    .map((slot) => `  token "${slot.token?.label}" sê-ri / serial ${slot.token?.serial}\n`)
    .join('');
  return `${head}  ok: ${result.library.manufacturer} ${result.library.description} ${result.library.version}\n${tokens}`;
}
