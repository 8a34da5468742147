/**
 * The baseline for the benchmark: a bare node:http server that answers every request with the
 * very same HTML bytes the portal sent for /client. Portal req/s ÷ this server's req/s tells how
 * much of the machine's HTTP capacity the app itself costs. It runs in its own process, like
 * the portal, so it does not share an event loop with autocannon.
 * Usage: node bench/bare-server.mjs <html file> <port>   (prints "ready" once listening)
 */
import fs from 'node:fs';
import http from 'node:http';

const [file, port] = process.argv.slice(2);
const body = fs.readFileSync(file);
const headers = { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length };

http
  .createServer((_req, res) => {
    res.writeHead(200, headers);
    res.end(body);
  })
  .listen(Number(port), '127.0.0.1', () => console.log('ready'));
