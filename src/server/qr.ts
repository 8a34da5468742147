import QRCode from 'qrcode';
import { escapeHtml } from './html-text';

/**
 * A QR code as inline SVG, made on the server: nothing is fetched from elsewhere, no script runs
 * in the page, and a login card's secret never leaves the response that prints it.
 * Error correction M (15 %) survives a worn or creased card and keeps a card URL in a small
 * code. The code's own white margin is 2 modules: the page around it is white too, and its
 * spacing makes up the 4-module quiet zone the standard asks for (see login-card.css).
 */
export async function qrSvg(text: string, label: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#000000', light: '#ffffff' } });
  // The library writes one <svg …> with a viewBox and no size; the page sizes it with CSS.
  return svg.replace(/^<svg /, `<svg class="qr" role="img" aria-label="${escapeHtml(label)}" focusable="false" `);
}
