/** The UI's languages (i18n.ts), named here so that this file imports nothing. */
type Language = 'vi' | 'en';
type Words = { readonly vi: string; readonly en: string };

export type Level = 'B-B' | 'B-T' | 'B-LT' | 'B-LTA' | 'other';

/**
 * How long a signature stays verifiable, in words for the clerk and the archivist (issue 16): the PAdES level
 * (ETSI EN 319 142-1) said as what the file holds, the code a hint beside it. One place for the signature panel and
 * the Hồ sơ screen; kept free of React and imports so `apps/desktop/test/long-term-text.test.ts` loads it in Node.
 */
const LEVELS: Readonly<Record<Level, Words>> = {
  'B-B': { vi: 'Chữ ký cơ bản, không có dấu thời gian', en: 'Basic signature, no timestamp' },
  'B-T': { vi: 'Có dấu thời gian, chưa kèm dữ liệu kiểm tra dài hạn', en: 'Timestamped, without long-term validation data' },
  'B-LT': { vi: 'Có dấu thời gian và dữ liệu kiểm tra dài hạn', en: 'Timestamped, with long-term validation data' },
  'B-LTA': { vi: 'Kiểm tra được dài hạn: có dữ liệu kiểm tra và dấu thời gian lưu trữ', en: 'Verifiable in the long term: validation data and an archive timestamp' },
  other: { vi: 'Chữ ký không theo chuẩn PAdES', en: 'Not a PAdES signature' },
};

/** The level in words; null (a check stored before levels were kept) says so rather than guessing. */
export function levelText(level: Level | null, language: Language): string {
  if (level === null) return language === 'vi' ? 'Chưa ghi nhận mức chữ ký' : 'Signature level not recorded';
  return LEVELS[level][language];
}

/** Only B-LT and B-LTA carry what a verifier needs years later, when the certificate and its CA are gone. */
export function isLongTermLevel(level: Level | null): boolean {
  return level === 'B-LT' || level === 'B-LTA';
}

export interface TimestampFacts {
  readonly time: string | null;
  readonly tsa: string | null;
  readonly intact: boolean;
  readonly valid: boolean;
  readonly trusted: boolean | null;
}

/** good / bad / unknown, as the panel marks each line. */
export type Verdict = 'good' | 'bad' | 'unknown';

/**
 * The signature's timestamp in one line: none; sound and from a trusted TSA; sound but the TSA is not trusted (or
 * trust not configured); or broken — never a bare tick over a timestamp that does not match.
 */
export function timestampLine(timestamp: TimestampFacts | null, language: Language): { verdict: Verdict; text: string } {
  const vi = language === 'vi';
  if (timestamp === null) return { verdict: 'unknown', text: vi ? 'Không có dấu thời gian: thời điểm ký chỉ do người ký tự khai' : 'No timestamp: the signing time is only what the signer claims' };
  if (!timestamp.intact || !timestamp.valid) {
    return { verdict: 'bad', text: vi ? 'Dấu thời gian không hợp lệ hoặc không khớp với chữ ký' : 'The timestamp is not valid or does not match the signature' };
  }
  if (timestamp.trusted === false) return { verdict: 'bad', text: vi ? 'Có dấu thời gian, nhưng đơn vị cấp không thuộc tổ chức tin cậy' : 'Timestamped, but by an authority that is not trusted' };
  if (timestamp.trusted === null) return { verdict: 'unknown', text: vi ? 'Có dấu thời gian hợp lệ; chưa cấu hình tổ chức tin cậy để xác nhận đơn vị cấp' : 'Valid timestamp; no trust list configured to confirm its authority' };
  return { verdict: 'good', text: vi ? 'Có dấu thời gian hợp lệ của đơn vị cấp dấu thời gian tin cậy' : 'Valid timestamp from a trusted timestamp authority' };
}

export interface RevocationFacts {
  readonly status: 'good' | 'revoked' | 'unknown';
  readonly source: 'embedded' | 'online' | null;
}

/** The signer certificate's revocation status, and where the answer came from (kept in the file, or asked online). */
export function revocationLine(revocation: RevocationFacts | null, language: Language): { verdict: Verdict; text: string } {
  const vi = language === 'vi';
  if (revocation === null) return { verdict: 'unknown', text: vi ? 'Chưa ghi nhận tình trạng thu hồi chứng thư' : 'Revocation status not recorded' };
  const where = revocation.source === 'embedded' ? (vi ? ' (dữ liệu lưu kèm trong tệp)' : ' (data kept in the file)') : revocation.source === 'online' ? (vi ? ' (hỏi trực tuyến)' : ' (asked online)') : '';
  if (revocation.status === 'revoked') return { verdict: 'bad', text: (vi ? 'Chứng thư số đã bị thu hồi' : 'The certificate has been revoked') + where };
  if (revocation.status === 'good') return { verdict: 'good', text: (vi ? 'Chứng thư số chưa bị thu hồi vào thời điểm ký' : 'The certificate was not revoked at signing time') + where };
  return { verdict: 'unknown', text: vi ? 'Chưa có thông tin thu hồi chứng thư trong tệp' : 'No revocation information in the file' };
}
