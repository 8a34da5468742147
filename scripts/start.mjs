// Starts the built server (dist/) behind its front (serve.mjs) and says where to find it.
process.env.HOST ??= '127.0.0.1';
process.env.PORT ??= '4321';
const { url } = await import('./serve.mjs');
console.log(`\nOmapolku is running: ${url}`);
if (process.env.OMAPOLKU_PLAIN_HTTP !== '1' && url.startsWith('http:')) {
  console.log('Sign-in cookies are Secure: use HTTPS (a reverse proxy, or SERVER_CERT_PATH and SERVER_KEY_PATH), or set OMAPOLKU_PLAIN_HTTP=1 on a test network.');
}
console.log(process.env.OMAPOLKU_DEMO === '1' ? 'Demo sign-ins are listed above and in README.md. Stop with Ctrl+C.' : 'Stop with Ctrl+C.');
