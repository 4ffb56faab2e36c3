import { join } from 'node:path';
import { holdsCertificates, SHIPPED_TRUST_DIR } from '@eoffice/signing/certificates';

export interface TrustConfiguration {
  /** Holds `trust/`: the agency's own anchors (a root it has checked, a test CA), added to the others. */
  readonly dataDir: string;
  /**
   * Certificate files or folders configured for this installation; they replace the shipped folder, as
   * `eoffice verify --trust` does.
   */
  readonly trustAnchors?: readonly string[];
  /** `EOFFICE_TRUST_DIR` replaces the shipped folder when no list is configured, as for `eoffice verify`. */
  readonly env?: NodeJS.ProcessEnv;
}

/** The data folder's own trust folder. */
export function trustDirOf(dataDir: string): string {
  return join(dataDir, 'trust');
}

/**
 * Where the workflow's verifier reads its trust anchors (RFC 5280 §6.1.1 d: the trust anchors path validation
 * starts from): the configured list, else EOFFICE_TRUST_DIR, else the shipped `resources/trust/`; and the data
 * folder's `trust/`. A folder without certificates is left out, so no anchor at all means trust is not asked
 * (`trusted: null`) rather than answered "no" for every signature.
 */
export function trustAnchorPaths(config: TrustConfiguration): string[] {
  const env = config.env ?? process.env;
  const base = config.trustAnchors?.length ? [...config.trustAnchors] : [env.EOFFICE_TRUST_DIR || SHIPPED_TRUST_DIR].filter(holdsCertificates);
  const own = trustDirOf(config.dataDir);
  return holdsCertificates(own) ? [...base, own] : base;
}
