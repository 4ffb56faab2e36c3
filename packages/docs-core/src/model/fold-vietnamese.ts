/** NFD, drop combining marks, đ→d, lowercase: how people type Vietnamese without diacritics. */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .trim();
}
