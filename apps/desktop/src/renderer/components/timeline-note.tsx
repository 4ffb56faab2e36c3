import { timelineNoteParts } from '../format/timeline-note';
import { useLanguage } from '../i18n/i18n';

/** A processing-log note with its codes said in words; the code stays as the tooltip, for the help desk. */
export function TimelineNote({ action, note }: { action: string; note: string }) {
  const language = useLanguage((s) => s.language);
  return (
    <>
      {timelineNoteParts(action, note, language).map((part, index) =>
        part.kind === 'text' ? (
          <span key={index}>{part.text}</span>
        ) : (
          <span key={index} className="note-code" title={part.code} data-code={part.code} data-testid="timeline-code">
            {part.text}
          </span>
        ),
      )}
    </>
  );
}
