import { useEffect, useRef, useState } from 'preact/hooks';
import { readCardCode } from './card-code';

/**
 * "Näytä kortti kameralle" on /card: reads the login card's QR code with the tablet's camera.
 * Everything happens in the tablet: the picture never leaves it, and only a code that is one of
 * this portal's cards is used, by opening its address (/k/<secret>) or sending the typed-code
 * form with it, exactly as scanning the card with the camera app or typing the code would.
 * Rendered only in the browser (client:only) and only where the browser has a camera API; the
 * typed-code form beside it works without JavaScript and stays the way in when the camera fails.
 * The QR decoder (jsQR) is fetched only when the camera starts, where the browser has no
 * BarcodeDetector for QR codes, so /card itself ships little script.
 */
interface Props {
  labels: {
    open: string;
    close: string;
    /** Between the camera button and the typed code: "Tai". */
    or: string;
    starting: string;
    hold: string;
    video: string;
    found: string;
    foreign: string;
    noCamera: string;
    denied: string;
  };
  /** Picture markup (from the server's one picture table). */
  icons: { camera: string; close: string; warning: string };
}

type State = 'idle' | 'starting' | 'scanning' | 'found' | 'no-camera' | 'denied';

interface Decoder {
  decode(video: HTMLVideoElement): Promise<string | null>;
}

async function makeDecoder(): Promise<Decoder> {
  // The browser's own detector where it reads QR codes (Android, ChromeOS, macOS); it is fast
  // and needs no download. Desktop Linux Chromium and Firefox have none: jsQR instead.
  const Native = (window as unknown as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (Native && (await Native.getSupportedFormats().catch((): string[] => [])).includes('qr_code')) {
    const detector = new Native({ formats: ['qr_code'] });
    return {
      async decode(video) {
        const codes = await detector.detect(video).catch(() => []);
        return codes[0]?.rawValue ?? null;
      },
    };
  }
  const { default: jsQR } = await import('jsqr');
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  return {
    async decode(video) {
      if (!context || video.videoWidth === 0) return null;
      // At most 640 px wide: enough for a card held in front of the camera, and quick to scan.
      const scale = Math.min(1, 640 / video.videoWidth);
      canvas.width = Math.round(video.videoWidth * scale);
      canvas.height = Math.round(video.videoHeight * scale);
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      return jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
    },
  };
}

interface BarcodeDetectorClass {
  new (options: { formats: string[] }): { detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]> };
  getSupportedFormats(): Promise<string[]>;
}

export default function CardCamera({ labels, icons }: Props) {
  const [supported, setSupported] = useState(false);
  const [state, setState] = useState<State>('idle');
  const [foreign, setForeign] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const running = useRef(false);

  function stopCamera() {
    running.current = false;
    stream.current?.getTracks().forEach((track) => track.stop());
    stream.current = null;
    if (video.current) video.current.srcObject = null;
  }

  useEffect(() => {
    setSupported(!!navigator.mediaDevices?.getUserMedia);
    // The camera must not stay on behind another page (or in the back-forward cache).
    const leave = () => stopCamera();
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      stopCamera();
    };
  }, []);

  if (!supported) return null;

  function use(text: string): boolean {
    const card = readCardCode(text, window.location.origin);
    if (card.kind === 'foreign') {
      setForeign(true);
      return false;
    }
    stopCamera();
    setForeign(false);
    setState('found');
    if (card.kind === 'address') {
      window.location.assign(card.path);
    } else {
      // A card that holds its short code: sent with the typed-code form, as if typed.
      const form = document.querySelector<HTMLFormElement>('form[data-card-code]');
      const input = form?.querySelector<HTMLInputElement>('input[name=code]');
      if (form && input) {
        input.value = card.code;
        form.submit();
      }
    }
    return true;
  }

  async function start() {
    setForeign(false);
    setState('starting');
    let media: MediaStream;
    try {
      media = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
    } catch (error) {
      const name = (error as DOMException)?.name;
      setState(name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'no-camera');
      return;
    }
    stream.current = media;
    running.current = true;
    setState('scanning');
    let decoder: Decoder;
    try {
      [decoder] = await Promise.all([makeDecoder(), waitForVideo(media)]);
    } catch {
      stopCamera();
      setState('no-camera');
      return;
    }
    // About six looks a second: quick enough to feel immediate, light on the tablet's battery.
    while (running.current) {
      const current = video.current;
      const text = current ? await decoder.decode(current) : null;
      if (!running.current) break;
      if (text && use(text)) break;
      await new Promise((resolve) => setTimeout(resolve, 160));
    }
  }

  function waitForVideo(media: MediaStream): Promise<void> {
    const element = video.current;
    if (!element) return Promise.reject(new Error('no video element'));
    element.srcObject = media;
    return element.play();
  }

  function close() {
    stopCamera();
    setForeign(false);
    setState('idle');
  }

  const open = state === 'starting' || state === 'scanning';
  const problem = state === 'no-camera' ? labels.noCamera : state === 'denied' ? labels.denied : null;

  return (
    <div class="card-camera" data-card-camera={state}>
      {open ? (
        <button type="button" class="button big" onClick={close} data-camera-close>
          <span aria-hidden="true" dangerouslySetInnerHTML={{ __html: icons.close }} />
          {labels.close}
        </button>
      ) : (
        <button type="button" class="button primary big" onClick={start} disabled={state === 'found'} data-camera-open>
          <span aria-hidden="true" dangerouslySetInnerHTML={{ __html: icons.camera }} />
          {labels.open}
        </button>
      )}
      {/* Always in the page (hidden when closed) so the video element exists before the stream. */}
      <div class="camera-view" hidden={!open}>
        <video ref={video} muted playsInline aria-label={labels.video} />
      </div>
      {/* One live region for what the camera does and what went wrong, always in the page so
          screen readers hear the words when they appear. */}
      <div aria-live="polite" class="camera-status">
        {state === 'starting' && <p>{labels.starting}</p>}
        {state === 'scanning' && !foreign && <p>{labels.hold}</p>}
        {state === 'found' && <p>{labels.found}</p>}
        {(problem || foreign) && (
          <div class="notice error" data-camera-problem>
            <span aria-hidden="true" dangerouslySetInnerHTML={{ __html: icons.warning }} />
            <p>{problem ?? labels.foreign}</p>
          </div>
        )}
      </div>
      <p class="camera-or">{labels.or}</p>
    </div>
  );
}
