// Starts the built server (dist/) and says where to find it.
process.env.HOST ??= '127.0.0.1';
process.env.PORT ??= '4321';
await import('../dist/server/entry.mjs');
console.log(`\nOmapolku is running: http://${process.env.HOST === '0.0.0.0' ? 'localhost' : process.env.HOST}:${process.env.PORT}/`);
console.log(process.env.OMAPOLKU_DEMO === '1' ? 'Demo sign-ins are listed above and in README.md. Stop with Ctrl+C.' : 'Stop with Ctrl+C.');
