import { useEffect, useState } from 'preact/hooks';

/**
 * Live search for the picture picker (components/staff/PicturePicker.astro). Without it the
 * "Hae" button posts the form and the server answers with the matches; with it the matches
 * appear while the worker types, and Enter or "Hae" searches without leaving the page (so an
 * unsaved form is never posted by accident). Renders only the status line; the choices stay
 * ordinary radio buttons in the form.
 */
interface Props {
  /** The radio buttons' name (the form field of the chosen picture). */
  name: string;
  searchInputId: string;
  choicesId: string;
}

interface Found {
  name: string;
  label: string;
  svg: string;
}

export default function PictureSearch({ name, searchInputId, choicesId }: Props) {
  const [status, setStatus] = useState('');

  useEffect(() => {
    const input = document.getElementById(searchInputId) as HTMLInputElement | null;
    const list = document.getElementById(choicesId);
    if (!input || !list) return;
    const button = input.parentElement?.querySelector<HTMLButtonElement>('button[name="picture_search"]');
    const serverStatus = document.getElementById(`${list.id.replace(/-choices$/, '')}-status`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let latest = 0;

    const show = (found: Found[]) => {
      const checked = list.querySelector<HTMLInputElement>('input[type=radio]:checked');
      const keep = checked ? (checked.closest('li') as HTMLLIElement) : null;
      list.replaceChildren(...(keep ? [keep] : []));
      for (const picture of found) {
        if (picture.name === checked?.value) continue;
        const li = document.createElement('li');
        const label = document.createElement('label');
        const radio = document.createElement('input');
        radio.type = 'radio';
        radio.name = name;
        radio.value = picture.name;
        const caption = document.createElement('span');
        caption.textContent = picture.label;
        // The SVG comes from our own server's icon set, never from what anyone typed.
        const holder = document.createElement('span');
        holder.innerHTML = picture.svg;
        label.append(radio, ...Array.from(holder.childNodes), caption);
        li.append(label);
        list.append(li);
      }
    };

    const search = async () => {
      const query = input.value.trim();
      if (!query) return;
      const ticket = ++latest;
      try {
        const response = await fetch(`/worker/clients/picture-search?q=${encodeURIComponent(query)}`, {
          headers: { accept: 'application/json' },
        });
        if (!response.ok || ticket !== latest) return;
        const body = (await response.json()) as { found: Found[]; status: string };
        if (ticket !== latest) return;
        show(body.found);
        if (serverStatus) serverStatus.textContent = '';
        setStatus(body.status);
      } catch {
        // Offline or signed out: the "Hae" button still works by posting the form.
      }
    };

    const onInput = () => {
      clearTimeout(timer);
      timer = setTimeout(search, 300);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Enter') return;
      event.preventDefault();
      clearTimeout(timer);
      void search();
    };
    const onClick = (event: Event) => {
      event.preventDefault();
      clearTimeout(timer);
      void search();
    };
    input.addEventListener('input', onInput);
    // Words typed before this island woke up (client:idle) are searched at once, unless the
    // server already answered them (its matches are on the page).
    if (input.value.trim() && input.value !== input.defaultValue) void search();
    input.addEventListener('keydown', onKey);
    button?.addEventListener('click', onClick);
    return () => {
      clearTimeout(timer);
      input.removeEventListener('input', onInput);
      input.removeEventListener('keydown', onKey);
      button?.removeEventListener('click', onClick);
    };
  }, [name, searchInputId, choicesId]);

  return (
    <p class="muted" role="status" data-picture-search-status>
      {status}
    </p>
  );
}
