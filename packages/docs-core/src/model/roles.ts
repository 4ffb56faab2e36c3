/** Vai trò: a user holds one or more. */
export const ROLES = [
  { code: 'clerk', label: 'Văn thư' },
  { code: 'leader', label: 'Lãnh đạo' },
  { code: 'specialist', label: 'Chuyên viên' },
  { code: 'archivist', label: 'Lưu trữ' },
  { code: 'admin', label: 'Quản trị' },
] as const;
export type Role = (typeof ROLES)[number]['code'];

export function isRole(value: string): value is Role {
  return ROLES.some((r) => r.code === value);
}
