/** The UI's languages (i18n.ts), named here so that this file imports nothing. */
type Language = 'vi' | 'en';

/**
 * What each problem code a signature can carry means, in words for the clerk and the leader: the verifier's codes
 * (packages/signing, `ProblemCode`) and the two docs-core adds (NOT_TRUSTED, NO_SIGNATURE_TIMESTAMP). The one place
 * these words live; `apps/desktop/test/signature-problems.test.ts` fails when a verifier code has none. Kept free of
 * React and of imports so that test loads it in Node.
 */
export const SIGNATURE_PROBLEM_MESSAGES: Readonly<Record<string, { readonly vi: string; readonly en: string }>> = {
  SIG_DICT_INVALID: { vi: 'Trường chữ ký trong tệp bị hỏng hoặc thiếu thông tin', en: 'The signature field in the file is damaged or incomplete' },
  UNSUPPORTED_SUBFILTER: { vi: 'Kiểu chữ ký này chưa được hỗ trợ kiểm tra', en: 'This kind of signature cannot be checked yet' },
  BYTE_RANGE_INVALID: { vi: 'Phạm vi nội dung được ký không hợp lệ', en: 'The signed range of the file is not valid' },
  CONTENTS_NOT_IN_GAP: { vi: 'Dữ liệu chữ ký không nằm đúng chỗ dành cho nó', en: 'The signature data is not where the signed range leaves room for it' },
  CONTENTS_PADDING_NOT_ZERO: { vi: 'Có dữ liệu lạ chen vào chỗ dành cho chữ ký', en: 'Unexpected data was put in the room left for the signature' },
  SIG_DICT_NOT_SIGNED: { vi: 'Thông tin của chữ ký không nằm trong phần được ký', en: 'The signature’s own details are outside the signed part' },
  BYTE_RANGE_COLLISION: { vi: 'Hai chữ ký dùng chung một vùng dữ liệu', en: 'Two signatures claim the same part of the file' },
  CMS_MALFORMED: { vi: 'Dữ liệu chữ ký bị hỏng, không đọc được', en: 'The signature data is damaged and cannot be read' },
  CMS_NOT_SINGLE_SIGNER: { vi: 'Chữ ký chứa nhiều hơn một người ký', en: 'The signature holds more than one signer' },
  CMS_NOT_DETACHED: { vi: 'Chữ ký không theo dạng tách rời mà chuẩn PDF yêu cầu', en: 'The signature is not in the detached form PDF requires' },
  CMS_NOT_DER: { vi: 'Dữ liệu chữ ký không được mã hóa đúng chuẩn (DER)', en: 'The signature data is not DER-encoded' },
  DIGEST_MISMATCH: { vi: 'Nội dung không khớp với nội dung đã ký', en: 'The content does not match what was signed' },
  CONTENT_TYPE_INVALID: { vi: 'Thuộc tính loại nội dung của chữ ký không hợp lệ', en: 'The signature’s content-type attribute is not valid' },
  MESSAGE_DIGEST_MISSING: { vi: 'Chữ ký thiếu giá trị băm của nội dung', en: 'The signature lacks the digest of the content' },
  SIGNATURE_INVALID: { vi: 'Chữ ký không đúng với chứng thư số của người ký', en: 'The signature does not match the signer’s certificate' },
  SIGNED_ATTRS_NOT_DER: { vi: 'Các thuộc tính được ký không được mã hóa đúng chuẩn', en: 'The signed attributes are not DER-encoded' },
  SIGNER_CERT_MISSING: { vi: 'Không tìm thấy chứng thư số của người ký trong chữ ký', en: 'The signer’s certificate is not in the signature' },
  SIGNING_CERT_ATTR_MISSING: { vi: 'Chữ ký không gắn với chứng thư số đã dùng để ký', en: 'The signature does not name the certificate it was made with' },
  SIGNING_CERT_ATTR_MISMATCH: { vi: 'Chứng thư số được nêu trong chữ ký khác chứng thư số đi kèm', en: 'The certificate the signature names is not the one enclosed' },
  PADES_SIGNING_TIME_PRESENT: { vi: 'Chữ ký ghi thời điểm ký theo cách chuẩn PAdES không cho phép', en: 'The signature states its time in a way PAdES does not allow' },
  PADES_M_MISSING: { vi: 'Chữ ký không ghi thời điểm ký', en: 'The signature does not state when it was made' },
  WEAK_DIGEST: { vi: 'Chữ ký dùng thuật toán băm cũ (SHA-1), nay không còn đủ an toàn', en: 'The signature uses an old digest (SHA-1) no longer considered safe' },
  WEAK_KEY: { vi: 'Khóa của chứng thư số quá ngắn, không còn đủ an toàn', en: 'The certificate’s key is too short to be safe' },
  UNSUPPORTED_ALGORITHM: { vi: 'Thuật toán ký chưa được hỗ trợ kiểm tra', en: 'The signature algorithm cannot be checked yet' },
  NO_TRUSTED_CHAIN: { vi: 'Chứng thư số không dẫn tới tổ chức chứng thực tin cậy nào', en: 'The certificate leads to no trusted certification authority' },
  CERT_NOT_VALID_AT_TIME: { vi: 'Chứng thư số không còn hiệu lực vào thời điểm ký', en: 'The certificate was not valid when the document was signed' },
  KEY_USAGE_INVALID: { vi: 'Chứng thư số không được cấp để ký văn bản', en: 'The certificate was not issued for signing documents' },
  CERT_UNKNOWN_CRITICAL_EXTENSION: { vi: 'Một chứng thư trong chuỗi có phần mở rộng bắt buộc mà phần mềm không hiểu, nên không thể tin cậy', en: 'A certificate in the chain has a critical extension this software does not understand, so it cannot be trusted' },
  CA_CONSTRAINTS_INVALID: { vi: 'Một chứng thư trong chuỗi cấp không có quyền cấp chứng thư', en: 'A certificate in the chain may not issue certificates' },
  NONSTANDARD_COVERAGE: { vi: 'Chữ ký không phủ toàn bộ tệp như thông thường', en: 'The signature does not cover the file the usual way' },
  MODIFIED_DISALLOWED: { vi: 'Văn bản đã bị sửa sau khi ký, theo cách không được phép', en: 'The document was changed after signing in a way that is not allowed' },
  MODIFIED_ALLOWED: { vi: 'Văn bản có thêm phần sau khi ký, thuộc loại được phép (ví dụ chữ ký sau)', en: 'Something was added after signing of an allowed kind (such as a later signature)' },
  DOCMDP_VIOLATION: { vi: 'Văn bản đã bị sửa vượt mức người chứng nhận cho phép', en: 'The document was changed beyond what its certifier allowed' },
  FIELDMDP_VIOLATION: { vi: 'Một trường bị khóa khi ký đã bị sửa', en: 'A field locked by the signature was changed' },
  CERTIFICATION_NOT_FIRST: { vi: 'Chữ ký chứng nhận không phải chữ ký đầu tiên của văn bản', en: 'The certifying signature is not the document’s first' },
  PAGE_COUNT_CHANGED: { vi: 'Số trang đã thay đổi sau khi ký', en: 'The number of pages changed after signing' },
  ANNOTATION_ADDED: { vi: 'Có ghi chú hoặc dấu được thêm lên trang sau khi ký', en: 'A note or mark was added to a page after signing' },
  ANNOTATION_OVERLAPS_CONTENT: { vi: 'Phần thêm sau khi ký đè lên nội dung văn bản', en: 'Something added after signing covers the document’s content' },
  SIG_DICT_REUSED: { vi: 'Dữ liệu của một chữ ký được dùng lại cho chữ ký khác', en: 'One signature’s data is reused by another' },
  SHADOW_SUSPECT: { vi: 'Nghi có nội dung ẩn trước khi ký, hiện ra sau khi ký (tấn công “bóng”)', en: 'Possible hidden content signed and revealed afterwards (shadow attack)' },
  TIMESTAMP_IMPRINT_MISMATCH: { vi: 'Dấu thời gian không khớp với chữ ký', en: 'The timestamp does not match the signature' },
  TIMESTAMP_MALFORMED: { vi: 'Dấu thời gian bị hỏng, không đọc được', en: 'The timestamp is damaged and cannot be read' },
  TIMESTAMP_UNTRUSTED: { vi: 'Dấu thời gian không đến từ đơn vị cấp dấu thời gian tin cậy', en: 'The timestamp is not from a trusted timestamp authority' },
  CERT_REVOKED: { vi: 'Chứng thư số đã bị thu hồi', en: 'The certificate has been revoked' },
  REVOCATION_REJECTED: { vi: 'Không dùng được thông tin thu hồi chứng thư đi kèm', en: 'The enclosed revocation information could not be used' },
  HYBRID_XREF: { vi: 'Tệp có cấu trúc lai, có thể hiển thị khác nhau giữa các phần mềm', en: 'The file has a hybrid structure that readers may show differently' },
  ENCRYPTED_UNSUPPORTED: { vi: 'Tệp được mã hóa, chưa kiểm tra được chữ ký', en: 'The file is encrypted; its signatures cannot be checked yet' },
  REVISION_STRUCTURE: { vi: 'Cấu trúc các lần sửa của tệp bất thường', en: 'The file’s revisions are laid out unusually' },
  // Added by docs-core (workflow/signature-verdict.ts), not by the verifier.
  NOT_TRUSTED: { vi: 'Chứng thư số không thuộc tổ chức tin cậy nào cơ quan đã cấu hình', en: 'The certificate belongs to no authority the agency trusts' },
  NO_SIGNATURE_TIMESTAMP: { vi: 'Ký không kèm dấu thời gian: không kết nối được đơn vị cấp dấu thời gian', en: 'Signed without a timestamp: the timestamp authority could not be reached' },
};

/** The words for a code in the chosen language; a code this table does not know yet says so rather than nothing. */
export function signatureProblemText(code: string, language: Language): string {
  const known = SIGNATURE_PROBLEM_MESSAGES[code];
  if (known) return known[language];
  return language === 'vi' ? 'Vấn đề chưa có mô tả' : 'A problem without a description yet';
}
