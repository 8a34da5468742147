import { useEffect, useRef, useState } from 'preact/hooks';
import { VOICE_ICONS } from './icons';
import { IslandPicture } from '../IslandPicture';

/**
 * Record a voice message in the browser, listen to it, then send it (or throw it away).
 * Rendered only in the browser (client:only): without JavaScript, without MediaRecorder or
 * without a microphone the button is simply not offered, and text and quick messages still work.
 * At most 2 minutes (recording stops by itself) and 5 MB; the server checks both again.
 * Sending posts the clip with an idempotency key, so a double tap sends one message.
 */
interface Props {
  postUrl: string;
  heading: string;
  /** Where to go after sending (the conversation, scrolled to the newest). */
  afterSend: string;
  labels: {
    record: string;
    stop: string;
    listenFirst: string;
    send: string;
    discard: string;
    seconds: string;
    noMicrophone: string;
    tooLong: string;
    failed: string;
  };
  /** The buttons' pictures' size in px (bundled with the island: icons.ts). */
  iconSize: number;
  /** The heading's own picture (the client's page has one, the worker's not). */
  headingIconSize?: number;
}

function Picture({ concept, size }: { concept: keyof typeof VOICE_ICONS; size: number }) {
  return <IslandPicture concept={concept} body={VOICE_ICONS[concept]} size={size} />;
}

const MAX_MS = 120_000;
const MAX_BYTES = 5 * 1024 * 1024;

type State = { kind: 'idle' } | { kind: 'recording'; started: number } | { kind: 'ready'; blob: Blob; url: string; ms: number } | { kind: 'sending' };

export default function VoiceRecorder({ postUrl, heading, afterSend, labels, iconSize, headingIconSize }: Props) {
  const [supported, setSupported] = useState(false);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [message, setMessage] = useState('');
  const [elapsed, setElapsed] = useState(0);
  const recorder = useRef<MediaRecorder | null>(null);
  const key = useRef(crypto.randomUUID());

  useEffect(() => {
    setSupported(typeof MediaRecorder !== 'undefined' && !!navigator.mediaDevices?.getUserMedia);
  }, []);

  useEffect(() => {
    if (state.kind !== 'recording') return;
    const tick = setInterval(() => {
      const ms = Date.now() - state.started;
      setElapsed(Math.floor(ms / 1000));
      if (ms >= MAX_MS) recorder.current?.stop();
    }, 250);
    return () => clearInterval(tick);
  }, [state]);

  if (!supported) return null;

  const start = async () => {
    setMessage('');
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      setMessage(labels.noMicrophone);
      return;
    }
    const chunks: Blob[] = [];
    const started = Date.now();
    const rec = new MediaRecorder(stream);
    rec.ondataavailable = (e) => e.data.size > 0 && chunks.push(e.data);
    rec.onstop = () => {
      stream.getTracks().forEach((t) => t.stop());
      const blob = new Blob(chunks, { type: rec.mimeType || 'audio/webm' });
      const ms = Math.min(Date.now() - started, MAX_MS);
      if (blob.size > MAX_BYTES) {
        setMessage(labels.tooLong);
        setState({ kind: 'idle' });
        return;
      }
      setState({ kind: 'ready', blob, url: URL.createObjectURL(blob), ms });
    };
    recorder.current = rec;
    rec.start(1000);
    setElapsed(0);
    setState({ kind: 'recording', started });
  };

  const send = async () => {
    if (state.kind !== 'ready') return;
    const { blob, ms } = state;
    setState({ kind: 'sending' });
    const form = new FormData();
    form.append('action', 'voice');
    form.append('key', key.current);
    form.append('duration_ms', String(ms));
    form.append('audio', blob, 'voice.webm');
    try {
      const response = await fetch(postUrl, { method: 'POST', body: form, redirect: 'manual' });
      if (response.type === 'opaqueredirect' || response.ok) {
        location.href = afterSend;
        return;
      }
      setMessage(response.status === 413 ? labels.tooLong : labels.failed);
    } catch {
      setMessage(labels.failed);
    }
    setState({ kind: 'ready', blob, url: URL.createObjectURL(blob), ms });
  };

  return (
    <section class="plan-part voice-recorder" aria-labelledby="voice-heading">
      <h2 id="voice-heading">
        {headingIconSize !== undefined && <Picture concept="voice-message" size={headingIconSize} />}
        {heading}
      </h2>
      {message && <p class="notice error" role="alert">{message}</p>}
      {state.kind === 'idle' && (
        <button type="button" class="button big" onClick={start} data-voice="record">
          <Picture concept="voice-message" size={iconSize} />
          {labels.record}
        </button>
      )}
      {state.kind === 'recording' && (
        <p class="voice-recording">
          <button type="button" class="button primary big" onClick={() => recorder.current?.stop()} data-voice="stop">
            <Picture concept="stop" size={iconSize} />
            {labels.stop}
          </button>
          <span role="timer" aria-live="off">{labels.seconds.replace('{{seconds}}', String(elapsed))}</span>
        </p>
      )}
      {state.kind === 'ready' && (
        <div class="voice-ready">
          <p><strong>{labels.listenFirst}</strong></p>
          <audio controls src={state.url} data-voice="preview" />
          <p class="step-buttons">
            <button type="button" class="button primary big" onClick={send} data-voice="send">
              <Picture concept="forward" size={iconSize} />
              {labels.send}
            </button>
            <button type="button" class="button big" onClick={() => setState({ kind: 'idle' })} data-voice="discard">
              <Picture concept="cross" size={iconSize} />
              {labels.discard}
            </button>
          </p>
        </div>
      )}
      {state.kind === 'sending' && <p role="status">…</p>}
    </section>
  );
}
