import { useEffect, useState } from 'preact/hooks';

/**
 * "Haluatko ilmoituksen tähän tablettiin, kun saat viestin?" with one big "Kyllä": asks the
 * browser's permission, registers the service worker (/sw.js), subscribes with the portal's VAPID
 * key and gives the subscription to the server (POST /client/push, a form post under the same
 * origin rule as every form). The page renders this only on a remembered own tablet; it shows
 * nothing where the browser cannot do push (and without JavaScript, nothing at all).
 */
interface Props {
  publicKey: string;
  heading: string;
  question: string;
  yes: string;
  /** Said when the tablet does not allow notifications (the person or the browser said no). */
  blocked: string;
  failed: string;
  icons: { heading: string; yes: string };
}

type State = 'hidden' | 'asking' | 'working' | 'blocked' | 'failed';

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = (base64url + '='.repeat((4 - (base64url.length % 4)) % 4)).replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function canPush(): boolean {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

export default function PushQuestion({ publicKey, heading, question, yes, blocked, failed, icons }: Props) {
  const [state, setState] = useState<State>('hidden');

  useEffect(() => {
    if (!canPush()) return;
    // The Permissions API where there is one (it is the browser's own record of the answer), else
    // the older Notification.permission; both say 'denied' when the person or the browser said no.
    Promise.resolve()
      .then(() => navigator.permissions.query({ name: 'notifications' }))
      .then((status) => status.state, () => Notification.permission)
      .then((answer) => setState(answer === 'denied' ? 'blocked' : 'asking'));
  }, []);

  async function subscribe() {
    setState('working');
    try {
      if ((await Notification.requestPermission()) !== 'granted') {
        setState('blocked');
        return;
      }
      const registration = await navigator.serviceWorker.register('/sw.js');
      await navigator.serviceWorker.ready;
      const key = keyBytes(publicKey);
      let subscription = await registration.pushManager.getSubscription();
      // One made earlier with another key (a portal set up again) would be refused by the push
      // service for every push signed with ours: made again with ours.
      const earlierKey = subscription?.options.applicationServerKey;
      if (subscription && earlierKey && !sameBytes(new Uint8Array(earlierKey), key)) {
        await subscription.unsubscribe();
        subscription = null;
      }
      subscription ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
      const json = subscription.toJSON();
      const body = new URLSearchParams({ action: 'on', endpoint: json.endpoint ?? '', p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' });
      const response = await fetch('/client/push', { method: 'POST', body });
      if (!response.ok) throw new Error(String(response.status));
      window.location.assign('/client/me?push=on#push');
    } catch {
      setState('failed');
    }
  }

  if (state === 'hidden') return null;
  return (
    <section class="plan-part" aria-labelledby="push-heading" data-push-question>
      <h2 id="push-heading">
        <span aria-hidden="true" dangerouslySetInnerHTML={{ __html: icons.heading }} />
        {heading}
      </h2>
      {state === 'blocked' ? (
        <p>{blocked}</p>
      ) : (
        <>
          <p>{question}</p>
          <button type="button" class="button primary big" disabled={state === 'working'} onClick={() => void subscribe()} data-push-yes>
            <span aria-hidden="true" dangerouslySetInnerHTML={{ __html: icons.yes }} />
            {yes}
          </button>
          {state === 'failed' && <p role="alert">{failed}</p>}
        </>
      )}
    </section>
  );
}
