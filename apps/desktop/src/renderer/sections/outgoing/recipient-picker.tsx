import type { MethodOutput } from '@eoffice/contract';
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { connection } from '../../client';
import { useMessages } from '../../i18n/define-messages';
import { outgoingMessages } from './outgoing-messages';

type Match = MethodOutput<'directory', 'search'>['matches'][number];
export interface Recipient {
  readonly code: string;
  readonly name: string;
}

/**
 * Nơi nhận from the directory: typed text is searched by code or folded name (the directory service folds, so
 * "so tai chinh" finds "Sở Tài chính"); a combobox whose options are picked with the arrows and Enter, or a click.
 */
export function RecipientPicker({ value, onChange, labels, max }: {
  value: readonly Recipient[];
  onChange: (next: Recipient[]) => void;
  /** Other words for the same picker (the clerk's "Nơi gửi" when receiving); the recipients' by default. */
  labels?: { readonly legend: string; readonly search: string };
  /** At most this many picked (one sender); the search box goes away once reached. */
  max?: number;
}) {
  const t = useMessages(outgoingMessages);
  const legend = labels?.legend ?? t('form.recipients');
  const full = max !== undefined && value.length >= max;
  const listId = useId();
  const [text, setText] = useState('');
  const [matches, setMatches] = useState<Match[]>([]);
  const [active, setActive] = useState(0);

  useEffect(() => {
    const wanted = text.trim();
    if (!wanted) {
      setMatches([]);
      return;
    }
    let current = true;
    // A short pause after typing, so one search runs per word rather than per key.
    const timer = setTimeout(() => {
      void connection.client.services.directory.search({ text: wanted, limit: 20 }).then(
        ({ matches: found }) => {
          if (!current) return;
          setMatches(found.filter((m) => !value.some((v) => v.code === m.code)));
          setActive(0);
        },
        () => current && setMatches([]),
      );
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, value]);

  function pick(match: Match) {
    onChange([...value, { code: match.code, name: match.name }]);
    setText('');
    setMatches([]);
  }
  function onKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') setActive((i) => Math.min(matches.length - 1, i + 1));
    else if (event.key === 'ArrowUp') setActive((i) => Math.max(0, i - 1));
    else if (event.key === 'Enter' && matches[active]) pick(matches[active]);
    else if (event.key === 'Escape') setMatches([]);
    else return;
    event.preventDefault();
  }
  const open = matches.length > 0;
  return (
    <fieldset className="recipient-picker">
      <legend>{legend}</legend>
      <ul className="chips" data-testid="recipients">
        {value.map((r) => (
          <li key={r.code} className="chip">
            {r.name} <span className="muted small">{r.code}</span>
            <button type="button" className="chip-remove" aria-label={t('form.remove', { name: r.name })}
              onClick={() => onChange(value.filter((v) => v.code !== r.code))}>×</button>
          </li>
        ))}
      </ul>
      {!full && <input type="text" role="combobox" aria-expanded={open} aria-controls={listId} aria-autocomplete="list"
        aria-label={labels?.search ?? t('form.recipientSearch')} placeholder={t('form.recipientHint')} value={text}
        aria-activedescendant={open ? `${listId}-${active}` : undefined}
        onChange={(e) => setText(e.target.value)} onKeyDown={onKey} />}
      {open && !full && (
        <ul className="options" role="listbox" id={listId} aria-label={legend}>
          {matches.map((m, index) => (
            <li key={m.code} id={`${listId}-${index}`} role="option" aria-selected={index === active}
              className={index === active ? 'option active' : 'option'} onMouseDown={(e) => { e.preventDefault(); pick(m); }}>
              {m.name} <span className="muted small">{m.code}{m.parentName ? ` · ${m.parentName}` : ''}</span>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
