/** Độ mật (Luật Bảo vệ bí mật nhà nước 2018): anything above `none` never goes over the axis. */
export const SECRECY_LEVELS = [
  { code: 'none', label: 'Thường' },
  { code: 'confidential', label: 'Mật' },
  { code: 'secret', label: 'Tối mật' },
  { code: 'top-secret', label: 'Tuyệt mật' },
] as const;
export type Secrecy = (typeof SECRECY_LEVELS)[number]['code'];

export function isSecret(secrecy: string | null | undefined): boolean {
  return secrecy !== null && secrecy !== undefined && secrecy !== 'none';
}
