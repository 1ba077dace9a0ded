/**
 * Saves text as a file through the browser's download (an object URL revoked right after): the audit CSV
 * and the reader trace. Nothing is sent anywhere.
 */
export function downloadText(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  window.setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 0);
}
