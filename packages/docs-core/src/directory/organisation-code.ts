import { EOfficeError } from '@eoffice/contract';

/**
 * Mã định danh điện tử (Decision 20/2020/QĐ-TTg, amended by 09/2025/QĐ-TTg): `XXX.YY.ZZ.Lnn`, 13 characters, read
 * right to left — `Lnn` level 1 (a letter and two digits), `ZZ` level 2, `YY` level 3, `XXX` level 4; zeros mean
 * "no lower level". The format is seen in real data (Decision 20/2020/QĐ-TTg). What is NOT verified — which letters exist
 * beyond G (central bodies) and H (provinces), and whether codes stay hierarchical after the 2025 reforms — is
 * configurable here rather than hard-coded.
 */
export const ORGANISATION_CODE_PATTERN = /^(\d{3})\.(\d{2})\.(\d{2})\.([A-Z])(\d{2})$/;

export interface OrganisationCodeRules {
  /** Letters accepted in `Lnn`. UNVERIFIED beyond G/H, so every capital letter by default. */
  readonly level1Letters: string;
  /**
   * `by-code`: a code's level and parent follow from its parts (000.27.31.H53 sits under 000.00.31.H53), as in the
   * observed data. `free`: level and parent are taken from the data only (for catalogues after the 2025 reform
   * whose codes may not nest; UNVERIFIED).
   */
  readonly hierarchy: 'by-code' | 'free';
}

export const DEFAULT_CODE_RULES: OrganisationCodeRules = {
  level1Letters: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  hierarchy: 'by-code',
};

export interface ParsedOrganisationCode {
  readonly code: string;
  /** 1 … 4: how many parts, from the right, are not all zeros. */
  readonly levelByCode: number;
  /** The code with its lowest filled part zeroed; null for a level-1 code. */
  readonly parentByCode: string | null;
}

export function parseOrganisationCode(
  code: string,
  rules: OrganisationCodeRules = DEFAULT_CODE_RULES,
): ParsedOrganisationCode {
  const match = ORGANISATION_CODE_PATTERN.exec(code);
  if (!match) {
    throw new EOfficeError(
      'E_INVALID_INPUT',
      `Mã định danh "${code}" sai định dạng XXX.YY.ZZ.Lnn / organisation code must look like 000.00.17.H53`,
    );
  }
  const [, level4, level3, level2, letter, level1Digits] = match as unknown as [string, string, string, string, string, string];
  if (!rules.level1Letters.includes(letter)) {
    throw new EOfficeError(
      'E_INVALID_INPUT',
      `Mã định danh "${code}": chữ cấp 1 "${letter}" không được chấp nhận / level-1 letter not accepted`,
    );
  }
  if (level1Digits === '00') {
    throw new EOfficeError('E_INVALID_INPUT', `Mã định danh "${code}": cấp 1 không thể là 00 / level 1 cannot be 00`);
  }
  const lower = [level2, level3, level4];
  // A filled part under an empty one ("001.00.17.H53") names no position in the tree.
  const firstEmpty = lower.findIndex((part) => /^0+$/.test(part));
  if (firstEmpty !== -1 && lower.slice(firstEmpty).some((part) => !/^0+$/.test(part))) {
    throw new EOfficeError(
      'E_INVALID_INPUT',
      `Mã định danh "${code}": có cấp dưới nhưng thiếu cấp trên / a lower part is set under an empty one`,
    );
  }
  const filled = firstEmpty === -1 ? 3 : firstEmpty;
  const levelByCode = 1 + filled;
  let parentByCode: string | null = null;
  if (levelByCode > 1) {
    const parts = [level4, level3, level2];
    const indexFromLeft = 3 - filled; // the part of this code's own level
    parts[indexFromLeft] = '0'.repeat(parts[indexFromLeft]!.length);
    parentByCode = `${parts.join('.')}.${letter}${level1Digits}`;
  }
  return { code, levelByCode, parentByCode };
}

export function isOrganisationCode(code: string, rules: OrganisationCodeRules = DEFAULT_CODE_RULES): boolean {
  try {
    parseOrganisationCode(code, rules);
    return true;
  } catch {
    return false;
  }
}
