/**
 * Evidence files of an objection (issue 16: "evidence files, type- and size-checked, stored sealed,
 * never executed or echoed unescaped"; A15, B28; decision 0033). What a file is, is read from its
 * bytes — never from its name or the type the sender declared — and only four kinds are taken: PDF,
 * JPEG, PNG (what a scanner or a phone's camera makes) and OFD (GB/T 33190, the national format of
 * electronic invoices, receipts and official documents). Word files and anything else are refused:
 * they are drafts, not proof, and may carry active content.
 *
 * The name a person gave the file is kept as their words — well-formed, NFC, without path parts,
 * control or direction-changing characters, length-limited, its extension matching the type found —
 * and only ever returned JSON-encoded or in an RFC 6266 `filename*` (percent-encoded UTF-8).
 * Pure: no I/O here.
 */
import { wellFormed } from '../../platform/well-formed.ts';

/** Largest file taken (a multi-page scan or a phone photo of a document fits well inside). */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
/** Files kept per objection, superseded ones included (they stay stored: nothing is deleted). */
export const EVIDENCE_MAX_FILES = 20;
/** Characters (code points) of a file's name, extension included. */
export const EVIDENCE_NAME_MAX = 100;
/** Characters of the note that says why a file supersedes another. */
export const EVIDENCE_NOTE_MAX = 500;

export const EVIDENCE_TYPES = {
  pdf: { mediaType: 'application/pdf', extensions: ['.pdf'], zh: 'PDF 文件' },
  jpeg: { mediaType: 'image/jpeg', extensions: ['.jpg', '.jpeg'], zh: 'JPEG 图片' },
  png: { mediaType: 'image/png', extensions: ['.png'], zh: 'PNG 图片' },
  ofd: { mediaType: 'application/ofd', extensions: ['.ofd'], zh: 'OFD 版式文件' },
} as const;
export type EvidenceType = keyof typeof EVIDENCE_TYPES;
export const EVIDENCE_TYPE_NAMES = Object.keys(EVIDENCE_TYPES) as EvidenceType[];

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/**
 * The kind of file these bytes are, by their signature, or null when it is none of those taken:
 * PDF `%PDF-` at the start; JPEG `FF D8 FF`; PNG its 8-byte signature and the IHDR chunk; OFD a zip
 * archive whose central directory holds the package's entry file `OFD.xml` (GB/T 33190 §7.3).
 */
export function detectEvidenceType(bytes: Uint8Array): EvidenceType | null {
  if (startsWith(bytes, ascii('%PDF-'))) return 'pdf';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, PNG_SIGNATURE) && startsWith(bytes, ascii('IHDR'), 12)) return 'png';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && zipEntryNames(bytes).includes('OFD.xml')) return 'ofd';
  return null;
}

/**
 * The entry names in a zip archive's central directory (empty when there is none to be read: a
 * damaged or ZIP64 archive). Nothing is unpacked.
 */
export function zipEntryNames(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // the end-of-central-directory record: 22 bytes and a comment of at most 65,535
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) return [];
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const names: string[] = [];
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return names;
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > bytes.length) return names;
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extra + comment;
  }
  return names;
}

/**
 * Characters removed from a name: controls (C0, C1, DEL: `Cc`) and invisible format characters (`Cf`:
 * bidirectional overrides and isolates, zero-width characters, the byte-order mark) — with a
 * right-to-left override, `cod.exe` followed by `fdp` reversed shows as a PDF's name.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;

/**
 * The name a file is kept under: the last part of what the sender gave (a browser's
 * `C:\fakepath\扫描件.pdf`, or `../../x.pdf`, keeps only the file's own name), well-formed and NFC,
 * without invisible characters, runs of white space made one space, leading dots (hidden files) and
 * trailing dots or spaces dropped; the extension made to match the type found (`.png` appended to a
 * PNG named `scan.pdf`: the name says what the file is); at most EVIDENCE_NAME_MAX characters, the
 * extension kept when shortened. An empty name becomes `证据材料` with the extension. Markup such as
 * `<b>` is kept as the characters it is: it is text, and every answer encodes it.
 */
export function evidenceName(raw: string | undefined, type: EvidenceType): string {
  const parts = wellFormed(raw ?? '')
    .normalize('NFC')
    .split(/[/\\]/);
  const last = parts[parts.length - 1] ?? '';
  const cleaned = last
    .replace(/\s+/gu, ' ')
    .replace(INVISIBLE, '')
    .replace(/^[.\s]+/u, '')
    .replace(/[.\s]+$/u, '');
  const { extensions } = EVIDENCE_TYPES[type];
  const dot = cleaned.lastIndexOf('.');
  const given = dot > 0 ? cleaned.slice(dot).toLowerCase() : '';
  const matches = (extensions as readonly string[]).includes(given);
  const stem = matches ? cleaned.slice(0, dot) : cleaned;
  const extension = matches ? given : extensions[0];
  const room = EVIDENCE_NAME_MAX - extension.length;
  const kept = [...stem].slice(0, room).join('').trimEnd();
  return `${kept === '' ? '证据材料' : kept}${extension}`;
}

/** RFC 5987 `attr-char`: what may stand unencoded in `filename*`. */
const encodeExtValue = (text: string) =>
  encodeURIComponent(text).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );

/**
 * `Content-Disposition` of a download (RFC 6266): always an attachment, never shown inline; the name
 * in `filename*` as percent-encoded UTF-8, and a plain `filename` for clients without RFC 5987 — the
 * name itself when it is letters, digits and `._- ` only, else `evidence` with the type's extension.
 */
export function evidenceContentDisposition(name: string, type: EvidenceType): string {
  const plain = /^[A-Za-z0-9._ -]+$/.test(name) ? name : `evidence${EVIDENCE_TYPES[type].extensions[0]}`;
  return `attachment; filename="${plain}"; filename*=UTF-8''${encodeExtValue(name)}`;
}
