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
