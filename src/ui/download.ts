/** Saves text as a file through the browser's download, without a server round trip. */
export function downloadText(fileName: string, mimeType: string, text: string): void {
  downloadBlob(fileName, new Blob([text], { type: mimeType }));
}

/** Saves a Blob (an export written in parts) as a file through the browser's download. */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoke later: Chromium starts the download asynchronously from the URL.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
