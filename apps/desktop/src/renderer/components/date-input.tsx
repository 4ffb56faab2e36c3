import { useEffect, useState } from 'react';
import { formatDateText } from '../format/vietnam-date';

/** `dd/MM/yyyy` (or d/M/yyyy) typed by a person → `YYYY-MM-DD`; null when it is not a real calendar date. */
export function parseDayText(text: string): string | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A date typed as dd/MM/yyyy whatever the machine's locale (the browser's own date input shows the system's order,
 * mm/dd/yyyy on an English system). Reports `YYYY-MM-DD`, or '' while empty; a text that is not a date is marked
 * invalid and reported as ''.
 */
export function DateInput({ value, onChange, label, testId }: { value: string; onChange: (iso: string) => void; label?: string; testId?: string }) {
  const [text, setText] = useState(formatDateText(value));
  useEffect(() => {
    // A value set from outside (cleared filters) replaces what is typed, unless it already says the same date.
    if ((parseDayText(text) ?? '') !== value) setText(formatDateText(value));
  }, [value]);
  const invalid = text.trim() !== '' && parseDayText(text) === null;
  return (
    <input type="text" inputMode="numeric" placeholder="dd/mm/yyyy" aria-label={label} aria-invalid={invalid} data-testid={testId}
      className={invalid ? 'invalid' : undefined} value={text} size={10}
      onChange={(e) => {
        setText(e.target.value);
        const parsed = parseDayText(e.target.value);
        if (parsed !== null || e.target.value.trim() === '') onChange(parsed ?? '');
      }} />
  );
}
