/**
 * QR codes of share links, for classrooms (students scan the projector). Rendered as SVG by the
 * `qrcode` package, loaded on first use. A QR code holds at most 2,953 bytes (version 40, error
 * correction L); longer links get a sentence saying so instead of a failure.
 */
import { QR_MAX_BYTES } from '../../core/codec/link';

export type QrResult = { ok: true; svg: string; level: 'M' | 'L' } | { ok: false; message: string };

/** Error correction M (15 % damage) holds 2,331 bytes; above that only L (7 %) fits. */
const LEVEL_M_MAX_BYTES = 2_331;

export async function linkQrCode(link: string): Promise<QrResult> {
  if (link.length > QR_MAX_BYTES) {
    return {
      ok: false,
      message: `No QR code: this link has ${link.length.toLocaleString('en')} characters and a QR code holds at most ${QR_MAX_BYTES.toLocaleString('en')}. Share the link itself, or make the design smaller.`,
    };
  }
  const level = link.length <= LEVEL_M_MAX_BYTES ? 'M' : 'L';
  try {
    const QRCode = await import('qrcode');
    const svg = await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: level, margin: 2 });
    return { ok: true, svg, level };
  } catch (error) {
    return { ok: false, message: `No QR code: ${error instanceof Error ? error.message : String(error)}` };
  }
}
