import { highlightParts } from './highlight';

/** A text with the search's matches in <mark>, which screen readers and high-contrast themes know. */
export function Highlighted({ text, tokens }: { text: string; tokens: readonly string[] }) {
  return (
    <>
      {highlightParts(text, tokens).map((part, index) => (part.match ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}
    </>
  );
}
