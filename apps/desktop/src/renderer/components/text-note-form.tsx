import { useId, useState, type FormEvent } from 'react';

export interface TextNoteFormProps {
  readonly label: string;
  readonly submit: string;
  readonly cancel: string;
  /** The message shown when the text is left empty; null: the text is optional. */
  readonly required: string | null;
  readonly busy: boolean;
  readonly onSubmit: (text: string) => void;
  readonly onCancel: () => void;
}

/** One short text before an action (a reason to reject or return, a note on approval or completion). */
export function TextNoteForm(props: TextNoteFormProps) {
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const missingId = useId();
  function submit(event: FormEvent) {
    event.preventDefault();
    if (props.required && !text.trim()) {
      setMissing(true);
      return;
    }
    props.onSubmit(text.trim());
  }
  return (
    <form className="inline-form" onSubmit={submit}>
      <label className="field">
        <span>{props.label}</span>
        <textarea rows={3} value={text} onChange={(e) => setText(e.target.value)} maxLength={1000} autoFocus
          aria-invalid={missing} aria-describedby={missing ? missingId : undefined} />
      </label>
      {missing && props.required && <p className="form-error" id={missingId} role="alert">{props.required}</p>}
      <div className="action-row">
        <button type="submit" className="button primary" disabled={props.busy}>{props.submit}</button>
        <button type="button" className="button" onClick={props.onCancel}>{props.cancel}</button>
      </div>
    </form>
  );
}
