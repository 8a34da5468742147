import { useEffect, useState } from 'preact/hooks';

/**
 * Keeps what is typed in a message field as a draft on the server, a moment after each pause
 * in typing and when the page is left, so nothing is lost on a reload, a dropped connection or
 * a new sign-in (WCAG 2.2.5). Posts `action=draft` to the page itself. Shows a quiet
 * "Luonnos tallessa" once saved. Without JavaScript the page never reloads by itself, and a
 * failed send keeps the text, so nothing is lost there either.
 */
interface Props {
  fieldId: string;
  savedText: string;
}

export default function MessageDraft({ fieldId, savedText }: Props) {
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    const field = document.getElementById(fieldId) as HTMLTextAreaElement | null;
    if (!field) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // What the server has: the text the page came with. Anything typed before this island
    // woke up (client:idle) is saved at once.
    let last = field.defaultValue;
    const save = (keepalive = false) => {
      if (field.value === last) return;
      last = field.value;
      // The form's idempotency key goes along: once that form has been sent, the server ignores
      // a late autosave instead of bringing the sent text back.
      const key = (field.form?.elements.namedItem('key') as HTMLInputElement | null)?.value ?? '';
      const body = new URLSearchParams({ action: 'draft', body: field.value, key });
      fetch(location.pathname, { method: 'POST', body, keepalive })
        .then((r) => setSaved(r.ok))
        .catch(() => setSaved(false));
    };
    const onInput = () => {
      setSaved(false);
      clearTimeout(timer);
      timer = setTimeout(() => save(), 800);
    };
    const onLeave = () => save(true);
    // Sending clears the draft on the server; saving it again on the way out would bring it back.
    const onSubmit = () => {
      clearTimeout(timer);
      last = field.value;
    };
    field.addEventListener('input', onInput);
    if (field.value !== last) save();
    field.form?.addEventListener('submit', onSubmit);
    window.addEventListener('pagehide', onLeave);
    return () => {
      clearTimeout(timer);
      field.removeEventListener('input', onInput);
      field.form?.removeEventListener('submit', onSubmit);
      window.removeEventListener('pagehide', onLeave);
    };
  }, [fieldId]);

  return (
    <p class="draft-status" role="status">
      {saved ? savedText : ''}
    </p>
  );
}
