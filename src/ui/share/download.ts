/** Browser downloads and the file picker, for Export and Import. */

/** Offers `content` as a file download named `fileName` (an object URL, released afterwards). */
export function downloadFile(fileName: string, content: string | Blob, mimeType: string): void {
  const blob = content instanceof Blob ? content : new Blob([content], { type: `${mimeType};charset=utf-8` });
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  anchor.style.display = 'none';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Give the browser time to start the download before the URL is released.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** Turns a `data:` URL (what html-to-image returns) into a Blob for download. */
export function dataUrlToBlob(dataUrl: string): Blob {
  const comma = dataUrl.indexOf(',');
  const header = dataUrl.slice(5, comma);
  const mime = header.split(';')[0] || 'application/octet-stream';
  const body = dataUrl.slice(comma + 1);
  if (header.includes(';base64')) {
    const binary = atob(body);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new Blob([bytes], { type: mime });
  }
  return new Blob([decodeURIComponent(body)], { type: mime });
}

/** Reads a chosen or dropped file as text, refusing files larger than `maxBytes` before reading. */
export async function readFileText(file: File, maxBytes: number): Promise<string> {
  if (file.size > maxBytes) {
    throw new Error(`“${file.name}” is ${(file.size / 1e6).toFixed(1)} MB; a topology file is at most ${(maxBytes / 1e6).toFixed(0)} MB`);
  }
  return file.text();
}

/**
 * Shows the browser's file picker. Resolves the chosen file, or null when the picker is closed
 * without a choice (the `cancel` event; browsers without it simply never resolve, which is harmless).
 */
export function pickFile(accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.style.display = 'none';
    const done = (file: File | null) => {
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => done(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => done(null), { once: true });
    document.body.append(input);
    input.click();
  });
}
