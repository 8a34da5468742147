/**
 * Node's http module refuses some header values the WHATWG Headers class accepts (DEL and most
 * control characters). @astrojs/node writes the headers after the response has left our code,
 * where that refusal is an unhandled rejection and the request is never answered at all: the
 * browser waits until it gives up. So the outermost middleware checks each response with
 * Node's own rules first and answers a response Node could not send with the 500 page instead.
 */
import { validateHeaderName, validateHeaderValue } from 'node:http';

/** The name of the first header Node would refuse to send, or null when all can be sent. */
export function unsendableHeader(headers: Headers): string | null {
  for (const [name, value] of headers) {
    try {
      validateHeaderName(name);
      validateHeaderValue(name, value);
    } catch {
      return name;
    }
  }
  return null;
}
