import { foldVietnamese } from '@eoffice/vietnamese';

/** Mức độ khẩn (Decree 30 §1.6): the drafter proposes, the signer decides; anything above `normal` is urgent. */
export const URGENCIES = [
  { code: 'normal', label: 'Thường', priority: 0 },
  { code: 'urgent', label: 'Khẩn', priority: 1 },
  { code: 'very-urgent', label: 'Thượng khẩn', priority: 2 },
  { code: 'flash', label: 'Hỏa tốc', priority: 3 },
] as const;
export type Urgency = (typeof URGENCIES)[number]['code'];

export function isUrgent(urgency: string | null | undefined): boolean {
  return urgency !== null && urgency !== undefined && urgency !== 'normal';
}

/** Accepts the code (`urgent`) or the Vietnamese label with or without marks (`Thượng khẩn`, `thuong khan`). */
export function parseUrgency(text: string): Urgency | undefined {
  const folded = foldVietnamese(text).replace(/[\s_-]+/g, ' ').trim();
  return URGENCIES.find((u) => u.code === text.trim() || foldVietnamese(u.label) === folded)?.code;
}
