// Byte strings: rsync matches bytes, so names and patterns are held as latin1 strings (one char = one byte).

/** A string whose every char code is one byte (0..255): the latin1 view of rsync's bytes. */
export type ByteString = string;

/** Encode a JS (UTF-16) string as UTF-8 and view the bytes as a ByteString. */
export function utf8ToBytes(text: string): ByteString {
  return Buffer.from(text, 'utf8').toString('latin1');
}

/** View raw bytes as a ByteString. */
export function bufferToBytes(buf: Uint8Array): ByteString {
  return Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('latin1');
}

/** The raw bytes of a ByteString. */
export function bytesToBuffer(bytes: ByteString): Buffer {
  return Buffer.from(bytes, 'latin1');
}

/** True when the bytes are well-formed UTF-8. */
export function isValidUtf8(buf: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return true;
  } catch {
    return false;
  }
}

/**
 * Show a ByteString for humans: UTF-8 when the bytes are valid UTF-8, otherwise every byte
 * that is not part of a valid UTF-8 sequence is written as rsync writes it in its output, `\#ooo`.
 */
export function displayBytes(bytes: ByteString): string {
  const buf = bytesToBuffer(bytes);
  if (isValidUtf8(buf)) return buf.toString('utf8');
  let out = '';
  let i = 0;
  while (i < buf.length) {
    const len = utf8SequenceLength(buf, i);
    if (len > 0) {
      out += buf.subarray(i, i + len).toString('utf8');
      i += len;
    } else {
      out += '\\#' + buf[i].toString(8).padStart(3, '0');
      i += 1;
    }
  }
  return out;
}

/**
 * A file name as rsync prints it (log.c's filtered output): control bytes other than a tab (a
 * newline, an escape sequence) and bytes that are not UTF-8 as `\#ooo`, so a name cannot break a
 * line or drive the terminal; a tab and DEL stay as they are; and a backslash that would read as
 * such an escape (`\#` and three digits) is itself written `\#134`, so `a\#012b` the name and
 * `a<newline>b` do not print alike.
 */
export function displayFileName(bytes: ByteString): string {
  return displayBytes(bytes.replace(/\\(?=#[0-9]{3})/g, '\\#134')).replace(/[\x00-\x08\x0a-\x1f]/g, (c) => '\\#' + c.charCodeAt(0).toString(8).padStart(3, '0'));
}

/** Length of the valid UTF-8 sequence starting at i, or 0 when the byte there starts none. */
function utf8SequenceLength(buf: Uint8Array, i: number): number {
  const b = buf[i];
  if (b < 0x80) return 1;
  let len: number;
  if (b >= 0xc2 && b <= 0xdf) len = 2;
  else if (b >= 0xe0 && b <= 0xef) len = 3;
  else if (b >= 0xf0 && b <= 0xf4) len = 4;
  else return 0;
  if (i + len > buf.length) return 0;
  for (let k = 1; k < len; k++) if ((buf[i + k] & 0xc0) !== 0x80) return 0;
  return isValidUtf8(buf.subarray(i, i + len)) ? len : 0;
}
