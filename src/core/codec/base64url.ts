/**
 * base64url (RFC 4648 §5, no padding) without `btoa`/`atob`, which the core's ES2022 lib does not
 * type and which work on binary strings rather than bytes. Decoding is strict: a character outside
 * the alphabet or an impossible length is an error naming the position, so a mangled link is
 * reported as such instead of decoding to garbage.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

/** Encodes bytes as unpadded base64url. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]!;
  }
  return out;
}

export class Base64Error extends Error {}

/** Decodes unpadded base64url; throws Base64Error with the offending position. */
export function fromBase64Url(text: string): Uint8Array {
  if (text.length % 4 === 1) {
    throw new Base64Error(`its length (${text.length}) is not possible for base64url: a character is missing or extra`);
  }
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let buffer = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? VALUE[code]! : -1;
    if (value < 0) {
      const shown = code >= 0x21 && code < 0x7f ? `"${text[i]}"` : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
      throw new Base64Error(`character ${i + 1} (${shown}) is not a base64url character`);
    }
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (buffer >> bits) & 0xff;
    }
  }
  return out.subarray(0, o);
}
