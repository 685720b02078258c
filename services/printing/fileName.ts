// The name a printed PDF is saved under: it says which session (or whose certificate) and what
// kind of paper it is, so a folder of downloads reads like the cabinet it replaces.

/** Characters no file system (Windows is the strictest) accepts in a name, and control characters. */
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f\u007f]/g;

/** Safe as one file name on Windows, macOS and Linux: forbidden characters become 「_」, no trailing dot or space, not too long. */
export function safeFileName(stem: string, ext = 'pdf'): string {
  let s = stem.replace(UNSAFE, '_').replace(/\s+/g, ' ').trim();
  // Windows drops a trailing dot or space silently and then cannot find the file.
  s = s.replace(/[. ]+$/, '');
  // Most file systems allow 255 bytes; a CJK character takes 3 in UTF-8.
  while (Buffer.byteLength(`${s}.${ext}`) > 240) s = [...s].slice(0, -1).join('');
  // Reserved device names (CON, PRN, NUL, COM1 …) cannot be file names on Windows.
  if (!s || /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(s)) s = `_${s}`;
  return `${s}.${ext}`;
}
