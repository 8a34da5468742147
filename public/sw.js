// Omapolku's service worker: only for Web Push on a client's own tablet (issue 17). It caches
// nothing and answers no requests. A push carries no client data, only the words to show ("Sinulle
// on uusi viesti." in the client's language), the messages picture and the page a tap opens
// (src/server/push/store.ts, messagePayload).
'use strict';

self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    // Not ours, or damaged on the way: the browser still wants something shown for a push.
  }
  const title = typeof data.title === 'string' ? data.title : 'Omapolku';
  event.waitUntil(
    self.registration.showNotification(title, {
      body: typeof data.body === 'string' ? data.body : '',
      icon: typeof data.icon === 'string' ? data.icon : '/icons/messages-192.png',
      tag: typeof data.tag === 'string' ? data.tag : 'omapolku',
      data: { url: typeof data.url === 'string' ? data.url : '/client/messages' },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  // Only a page of the portal itself.
  let url = new URL('/client/messages', self.location.origin);
  try {
    const asked = new URL(event.notification.data && event.notification.data.url, self.location.origin);
    if (asked.origin === self.location.origin) url = asked;
  } catch {
    // The default page.
  }
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      for (const client of windows) {
        if (client.url === url.href && 'focus' in client) return client.focus();
      }
      return self.clients.openWindow(url.href);
    })(),
  );
});
