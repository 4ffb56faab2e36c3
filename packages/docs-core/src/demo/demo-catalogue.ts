/**
 * Words for the demo documents: the kinds of subjects a provincial department really registers, as templates.
 * `{y}` is the year, `{q}` a quarter, `{m}` a month, `{p}` a place from the directory.
 */
export interface SubjectTemplate {
  /** Type code of model/document-types.ts. */
  readonly type: string;
  readonly subject: string;
}

/** What the demo agency (a department) sends out. */
export const OUTGOING_SUBJECTS: readonly SubjectTemplate[] = [
  { type: 'QĐ', subject: 'về việc ban hành Quy chế làm việc của Sở Nội vụ' },
  { type: 'QĐ', subject: 'về việc thành lập Tổ công tác triển khai chuyển đổi số năm {y}' },
  { type: 'QĐ', subject: 'về việc phê duyệt kế hoạch đào tạo, bồi dưỡng cán bộ, công chức năm {y}' },
  { type: 'QĐ', subject: 'về việc nâng bậc lương thường xuyên đối với công chức, viên chức quý {q} năm {y}' },
  { type: 'KH', subject: 'Kế hoạch cải cách hành chính năm {y}' },
  { type: 'KH', subject: 'Kế hoạch kiểm tra công tác văn thư, lưu trữ năm {y}' },
  { type: 'KH', subject: 'Kế hoạch tổ chức thi tuyển công chức năm {y}' },
  { type: 'BC', subject: 'Báo cáo kết quả thực hiện nhiệm vụ quý {q} năm {y}' },
  { type: 'BC', subject: 'Báo cáo tình hình tổ chức bộ máy, biên chế tháng {m} năm {y}' },
  { type: 'BC', subject: 'Báo cáo công tác thi đua, khen thưởng năm {y}' },
  { type: 'TB', subject: 'Thông báo kết luận của Giám đốc Sở tại cuộc họp giao ban tháng {m}' },
  { type: 'TB', subject: 'Thông báo lịch tiếp công dân tháng {m} năm {y}' },
  { type: 'TTr', subject: 'Tờ trình đề nghị phê duyệt Đề án vị trí việc làm của {p}' },
  { type: 'TTr', subject: 'Tờ trình về việc khen thưởng tập thể, cá nhân có thành tích xuất sắc năm {y}' },
  { type: 'HD', subject: 'Hướng dẫn đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức năm {y}' },
  { type: 'GM', subject: 'Giấy mời dự Hội nghị tổng kết công tác nội vụ năm {y}' },
  { type: 'cong-van', subject: 'V/v đề nghị báo cáo số lượng, chất lượng đội ngũ cán bộ, công chức cấp xã' },
  { type: 'cong-van', subject: 'V/v góp ý dự thảo Quy định chức năng, nhiệm vụ của {p}' },
  { type: 'cong-van', subject: 'V/v triển khai sử dụng chữ ký số trong gửi, nhận văn bản điện tử' },
  { type: 'cong-van', subject: 'V/v hướng dẫn chỉnh lý tài liệu lưu trữ tồn đọng tại {p}' },
  { type: 'cong-van', subject: 'V/v cử cán bộ tham dự lớp bồi dưỡng kiến thức quản lý nhà nước năm {y}' },
];

/** What arrives at a department from the province, other departments, districts and communes. */
export const INCOMING_SUBJECTS: readonly SubjectTemplate[] = [
  { type: 'QĐ', subject: 'về việc giao chỉ tiêu biên chế công chức năm {y}' },
  { type: 'QĐ', subject: 'về việc công bố danh mục thủ tục hành chính mới ban hành năm {y}' },
  { type: 'CT', subject: 'về việc tăng cường kỷ luật, kỷ cương hành chính trong các cơ quan nhà nước' },
  { type: 'KH', subject: 'Kế hoạch triển khai Đề án phát triển ứng dụng dữ liệu dân cư trên địa bàn {p}' },
  { type: 'BC', subject: 'Báo cáo tình hình kinh tế - xã hội tháng {m} năm {y} của {p}' },
  { type: 'BC', subject: 'Báo cáo kết quả công tác cải cách hành chính quý {q} năm {y}' },
  { type: 'TB', subject: 'Thông báo ý kiến chỉ đạo của Chủ tịch Ủy ban nhân dân tỉnh tại buổi làm việc với {p}' },
  { type: 'TTr', subject: 'Tờ trình đề nghị thẩm định phương án sắp xếp đơn vị hành chính cấp xã' },
  { type: 'GM', subject: 'Giấy mời họp bàn về công tác chuẩn bị Hội nghị sơ kết 6 tháng đầu năm {y}' },
  { type: 'cong-van', subject: 'V/v đề nghị cung cấp thông tin phục vụ xây dựng dự toán ngân sách năm {y}' },
  { type: 'cong-van', subject: 'V/v thẩm định hồ sơ đề nghị công nhận xã đạt chuẩn nông thôn mới' },
  { type: 'cong-van', subject: 'V/v đề nghị bổ sung biên chế giáo viên cho {p}' },
  { type: 'cong-van', subject: 'V/v xin ý kiến về việc tuyển dụng viên chức sự nghiệp năm {y}' },
  { type: 'cong-van', subject: 'V/v báo cáo tình hình thực hiện Nghị định 30/2020/NĐ-CP về công tác văn thư' },
  { type: 'cong-van', subject: 'V/v rà soát, thống kê tài liệu lưu trữ đến hạn nộp lưu năm {y}' },
  { type: 'cong-van', subject: 'V/v hướng dẫn quyết toán kinh phí chi thường xuyên năm {y}' },
];

/** Kết quả xử lý notes for completed incoming documents. */
export const RESULT_NOTES: readonly string[] = [
  'Đã tham mưu văn bản trả lời',
  'Đã tổng hợp, báo cáo lãnh đạo',
  'Đã triển khai đến các phòng chuyên môn',
  'Đã cung cấp thông tin theo đề nghị',
];

export interface DemoPerson {
  readonly username: string;
  readonly fullName: string;
  readonly position: string;
  readonly unit: string;
  readonly roles: ReadonlyArray<'clerk' | 'leader' | 'specialist' | 'archivist' | 'admin'>;
}

/** One user per role, as the issue names them. */
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { username: 'admin', fullName: 'Quản trị hệ thống', position: 'Quản trị viên', unit: 'VP', roles: ['admin'] },
  { username: 'vanthu', fullName: 'Nguyễn Thị Thu Hà', position: 'Văn thư', unit: 'VP', roles: ['clerk'] },
  { username: 'lanhdao', fullName: 'Trần Quốc Hùng', position: 'Giám đốc', unit: 'BGĐ', roles: ['leader'] },
  { username: 'chuyenvien', fullName: 'Lê Minh Tuấn', position: 'Chuyên viên', unit: 'VP', roles: ['specialist'] },
  { username: 'luutru', fullName: 'Phạm Thị Lan', position: 'Lưu trữ viên', unit: 'VP', roles: ['archivist'] },
];
