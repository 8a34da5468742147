// The built static files (dist/client: /_astro/ scripts and styles, fonts, icons, the manifest),
// served by their path before any page is rendered.
//
// Astro's standalone handler asks the file system about every request (an lstat, then `send`'s
// stat) before it renders a page, because any address might be a file: issue 19 measured that
// at about 5 % of a client page's server time. The build's files do not change while the server
// runs, so they are listed once at start, and a page's address never touches the disk. The
// files are sent with `send`, as Astro sends them (ranges, ETag and 304, HEAD, content types),
// and /_astro/ files, whose names carry their content hash, are cached for a year.
import fs from 'node:fs';
import path from 'node:path';
import send from 'send';

/** Every file under `dir` as a URL path ("/_astro/client.abc123.js"); dotfiles only under /.well-known/. */
function listFiles(dir, prefix = '/') {
  const paths = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') && !(prefix === '/' && entry.name === '.well-known')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) paths.push(...listFiles(full, `${prefix}${entry.name}/`));
    else if (entry.isFile()) paths.push(`${prefix}${entry.name}`);
  }
  return paths;
}

/**
 * The static files of `clientDir`: `match(req.url)` gives the file's path when the address is
 * one of them (query and fragment ignored, percent-escapes decoded), else null; `serve` sends it.
 */
export function staticFiles(clientDir) {
  const files = new Set(fs.existsSync(clientDir) ? listFiles(clientDir) : []);
  return {
    match(url) {
      const end = url.search(/[?#]/);
      const raw = end === -1 ? url : url.slice(0, end);
      if (files.has(raw)) return raw;
      if (!raw.includes('%')) return null;
      try {
        const decoded = decodeURIComponent(raw);
        return files.has(decoded) ? decoded : null;
      } catch {
        return null;
      }
    },
    serve(req, res, filePath) {
      const stream = send(req, encodeURI(filePath), { root: clientDir, dotfiles: filePath.startsWith('/.well-known/') ? 'allow' : 'deny' });
      stream.on('headers', (response) => {
        if (filePath.startsWith('/_astro/')) response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      });
      stream.on('error', (error) => {
        res.statusCode = error.status ?? 500;
        res.end();
      });
      stream.pipe(res);
    },
  };
}
