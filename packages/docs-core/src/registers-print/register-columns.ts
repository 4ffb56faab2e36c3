import type { RegisterDirection } from '../numbering/registers.js';

/** One column of a printed register: the header verbatim from Phụ lục IV, and its share of the table width. */
export interface RegisterColumn {
  readonly header: string;
  readonly width: number;
  readonly align: 'left' | 'center';
}

/** Sổ đăng ký văn bản đi, Decree 30/2020 Phụ lục IV: the 10 minimum columns, in order. */
export const OUTGOING_COLUMNS: readonly RegisterColumn[] = [
  { header: 'Số, ký hiệu văn bản', width: 78, align: 'center' },
  { header: 'Ngày tháng văn bản', width: 58, align: 'center' },
  { header: 'Tên loại và trích yếu nội dung văn bản', width: 190, align: 'left' },
  { header: 'Người ký', width: 72, align: 'left' },
  { header: 'Nơi nhận văn bản', width: 110, align: 'left' },
  { header: 'Đơn vị, người nhận bản lưu', width: 80, align: 'left' },
  { header: 'Số lượng bản', width: 38, align: 'center' },
  { header: 'Ngày chuyển', width: 56, align: 'center' },
  { header: 'Ký nhận', width: 48, align: 'center' },
  { header: 'Ghi chú', width: 70, align: 'left' },
];

/** Sổ đăng ký văn bản đến, Decree 30/2020 Phụ lục IV. */
export const INCOMING_COLUMNS: readonly RegisterColumn[] = [
  { header: 'Ngày đến', width: 56, align: 'center' },
  { header: 'Số đến', width: 38, align: 'center' },
  { header: 'Tác giả', width: 100, align: 'left' },
  { header: 'Số, ký hiệu văn bản', width: 76, align: 'center' },
  { header: 'Ngày tháng văn bản', width: 56, align: 'center' },
  { header: 'Tên loại và trích yếu nội dung văn bản', width: 196, align: 'left' },
  { header: 'Đơn vị hoặc người nhận', width: 88, align: 'left' },
  { header: 'Ngày chuyển', width: 56, align: 'center' },
  { header: 'Ký nhận', width: 48, align: 'center' },
  { header: 'Ghi chú', width: 70, align: 'left' },
];

export function columnsFor(direction: RegisterDirection): readonly RegisterColumn[] {
  return direction === 'outgoing' ? OUTGOING_COLUMNS : INCOMING_COLUMNS;
}

/** Title on the cover and on every page, upper case as printed registers show it. */
export function registerHeading(direction: RegisterDirection): string {
  return direction === 'outgoing' ? 'SỔ ĐĂNG KÝ VĂN BẢN ĐI' : 'SỔ ĐĂNG KÝ VĂN BẢN ĐẾN';
}
