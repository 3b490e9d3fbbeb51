import * as QRCode from 'qrcode';

/**
 * A QR code as an inline SVG built from the code's module matrix: plain elements and numbers
 * (no markup string from anywhere, so nothing to escape), black on white with a quiet zone.
 */
export function QrCode(props: { text: string; label: string; size?: number }) {
  const modules = QRCode.create(props.text, { errorCorrectionLevel: 'M' }).modules;
  const n = modules.size;
  const quiet = 4;
  let d = '';
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      if (modules.get(y, x)) d += `M${x + quiet} ${y + quiet}h1v1h-1z`;
    }
  }
  const view = n + 2 * quiet;
  const size = props.size ?? 240;
  return (
    <svg xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${view} ${view}`} width={size} height={size} role="img" aria-label={props.label} shape-rendering="crispEdges">
      <rect width={view} height={view} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}

/** A base32 secret in groups of four, easier to type into an app by hand. */
export function groupedSecret(secret: string): string {
  return (secret.match(/.{1,4}/g) ?? []).join(' ');
}
