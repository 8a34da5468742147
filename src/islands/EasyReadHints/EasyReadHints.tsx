import { useEffect, useState } from 'preact/hooks';
import { hintsFor, type Hint, type Lang } from '@domain/easy-read/check';

/**
 * Friendly easy-read hints beside a text the client will read, updated as the worker types.
 * The server renders the same component with the submitted text, so without JavaScript the
 * hints still appear after each submit. Same rules as the easy-read test (domain/easy-read).
 */
interface Props {
  /** The id of the textarea or input to watch. */
  fieldId: string;
  lang: Lang;
  initialText: string;
  heading: string;
  noHints: string;
  /** Rule name (e.g. `long-word`) → friendly sentence, translated. */
  labels: Record<string, string>;
}

export default function EasyReadHints({ fieldId, lang, initialText, heading, noHints, labels }: Props) {
  const [hints, setHints] = useState<Hint[]>(() => (initialText ? hintsFor(initialText, lang) : []));
  // Nothing to say about an empty field: the box stays out of the way until there is text.
  const [empty, setEmpty] = useState(!initialText.trim());

  useEffect(() => {
    const field = document.getElementById(fieldId) as HTMLTextAreaElement | HTMLInputElement | null;
    if (!field) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Wait for a pause in typing: hints that change with every key press would be noise.
    const update = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        setEmpty(!field.value.trim());
        setHints(field.value.trim() ? hintsFor(field.value, lang) : []);
      }, 400);
    };
    field.addEventListener('input', update);
    // Text typed before this island woke up (client:idle) gets its hints at once.
    if (field.value.trim() && field.value !== initialText) {
      setEmpty(false);
      setHints(hintsFor(field.value, lang));
    }
    return () => {
      clearTimeout(timer);
      field.removeEventListener('input', update);
    };
  }, [fieldId, lang]);

  return (
    // The live region itself is always there (a region added later is not announced).
    <div id={`${fieldId}-hints`} class={empty ? 'hints empty' : 'hints'} aria-live="polite">
      {empty ? null : <p><strong>{heading}</strong></p>}
      {empty ? null : hints.length === 0 ? (
        <p>{noHints}</p>
      ) : (
        <ul>
          {hints.map((h) => (
            <li data-hint={h.id} key={`${h.id}:${h.excerpt}`}>
              {labels[h.id.slice('easyRead.hint.'.length)]} <q>{h.excerpt}</q>
              {h.instead ? ` → ${h.instead}` : ''}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
