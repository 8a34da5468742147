import { useEffect, useState } from 'preact/hooks';
import { hintsFor, type Hint, type Lang } from '../../domain/easy-read/check';

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

  useEffect(() => {
    const field = document.getElementById(fieldId) as HTMLTextAreaElement | HTMLInputElement | null;
    if (!field) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Wait for a pause in typing: hints that change with every key press would be noise.
    const update = () => {
      clearTimeout(timer);
      timer = setTimeout(() => setHints(field.value.trim() ? hintsFor(field.value, lang) : []), 400);
    };
    field.addEventListener('input', update);
    return () => {
      clearTimeout(timer);
      field.removeEventListener('input', update);
    };
  }, [fieldId, lang]);

  return (
    <div id={`${fieldId}-hints`} class="hints" aria-live="polite">
      <p><strong>{heading}</strong></p>
      {hints.length === 0 ? (
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
