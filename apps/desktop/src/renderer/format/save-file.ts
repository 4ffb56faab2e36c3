/**
 * Hands bytes to the user as a file to keep (the browser's or Electron's download), so a signed PDF can be checked
 * in any reader. The object URL is released once the click has been handled.
 */
export function saveFile(bytes: Uint8Array, name: string, type = 'application/pdf'): void {
  // A copy into a plain ArrayBuffer: Blob refuses a view over a SharedArrayBuffer under strict typing.
  const url = URL.createObjectURL(new Blob([bytes.slice().buffer as ArrayBuffer], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
