/** The file a dialog's `<input type="file">` holds, read as bytes (shared by the import, schedule and logo dialogs). */
export function readChosenFile(e: Event, use: (file: File, bytes: Uint8Array) => void): void {
  const input = e.target as HTMLInputElement;
  const file = input.files && input.files[0];
  if (!file) return;
  const reader = new FileReader();
  reader.onload = () => use(file, new Uint8Array(reader.result as ArrayBuffer));
  reader.readAsArrayBuffer(file);
}
