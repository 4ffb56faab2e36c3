/** ETSI EN 319 142-1 §5: the baseline level a signature reaches in this file. */
export type PadesLevel = 'B-B' | 'B-T' | 'B-LT' | 'B-LTA';

export interface LevelFacts {
  /** A relied-on signature-time-stamp, or a valid document timestamp after the signature. */
  readonly timestamped: boolean;
  /** The /DSS exists and gives a status (good or revoked) for the signer from embedded data, or all is self-signed. */
  readonly validationDataEmbedded: boolean;
  /** A valid document timestamp covers a revision that already holds the /DSS. */
  readonly archiveTimestamped: boolean;
}

/**
 * B-T needs a timestamp; B-LT also the validation data in the /DSS; B-LTA also a document timestamp over it. Each
 * level needs the one below (a DSS without a timestamp is still B-B, as EU DSS classifies it).
 */
export function padesLevel(facts: LevelFacts): PadesLevel {
  if (!facts.timestamped) return 'B-B';
  if (!facts.validationDataEmbedded) return 'B-T';
  return facts.archiveTimestamped ? 'B-LTA' : 'B-LT';
}
