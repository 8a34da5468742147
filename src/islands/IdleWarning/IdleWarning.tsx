import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * Shared tablets end the session after idle time. Before that happens this asks, in easy
 * words, "Are you still here?" with one big "Jatka" button (WCAG 2.2.1 Timing adjustable).
 * Touching or typing anywhere also counts as activity and keeps the session alive, at most one
 * request a minute. Without JavaScript the server still ends the session, and the sign-in page
 * says why.
 */
interface Props {
  /** Milliseconds left at render time (not a clock time: the tablet's clock may be wrong). */
  remainingMs: number;
  warningMs: number;
  title: string;
  text: string;
  /** "Aikaa on {{count}} minuutti/minuuttia.", translated; the island puts the number in. */
  timeOne: string;
  timeOther: string;
  continueLabel: string;
  endedUrl: string;
}

const PING_EVERY_MS = 60_000;

export default function IdleWarning({ remainingMs, warningMs, title, text, timeOne, timeOther, continueLabel, endedUrl }: Props) {
  const deadline = useRef(Date.now() + remainingMs);
  const lastPing = useRef(Date.now());
  const [left, setLeft] = useState(remainingMs);
  const button = useRef<HTMLButtonElement>(null);
  const showing = left <= warningMs;

  async function extend() {
    lastPing.current = Date.now();
    try {
      const res = await fetch('/session/extend', { method: 'POST', headers: { accept: 'application/json' } });
      if (!res.ok) return;
      const body = (await res.json()) as { remainingMs: number };
      deadline.current = Date.now() + body.remainingMs;
      setLeft(body.remainingMs);
    } catch {
      // Offline: the timer keeps going and the server decides.
    }
  }

  useEffect(() => {
    const tick = setInterval(() => {
      const ms = deadline.current - Date.now();
      setLeft(ms);
      if (ms <= 0) window.location.assign(endedUrl);
    }, 1000);
    const onActivity = () => {
      if (Date.now() - lastPing.current > PING_EVERY_MS && deadline.current - Date.now() > warningMs) void extend();
    };
    window.addEventListener('pointerdown', onActivity);
    window.addEventListener('keydown', onActivity);
    return () => {
      clearInterval(tick);
      window.removeEventListener('pointerdown', onActivity);
      window.removeEventListener('keydown', onActivity);
    };
  }, []);

  useEffect(() => {
    if (showing) button.current?.focus();
  }, [showing]);

  if (!showing) return null;
  const minutes = Math.max(1, Math.ceil(left / 60_000));
  return (
    <div class="dialog-backdrop">
      <div class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-text">
        <h2 id="idle-title">{title}</h2>
        <p id="idle-text">{text}</p>
        <p>{(minutes === 1 ? timeOne : timeOther).replace('{{count}}', String(minutes))}</p>
        <button ref={button} type="button" class="button primary big" onClick={() => void extend()} data-idle-continue>
          {continueLabel}
        </button>
      </div>
    </div>
  );
}
