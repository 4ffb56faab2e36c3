import { foldVietnamese } from '@eoffice/vietnamese';

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

/** Accepts the code (`secret`) or the Vietnamese label with or without marks (`Tối mật`, `toi mat`). */
export function parseSecrecy(text: string): Secrecy | undefined {
  const folded = foldVietnamese(text).replace(/[\s_-]+/g, ' ').trim();
  return SECRECY_LEVELS.find((s) => s.code === text.trim() || foldVietnamese(s.label) === folded)?.code;
}
