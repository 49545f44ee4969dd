/**
 * Evidence files of a procedure (issue 16; decision 0033): an objection's evidence (A15, B28) and a
 * repair application's proof of performance (A18–A19, B31–B32, 国办发〔2025〕22号), one implementation
 * for both. Added by the subject to its own open procedure, or by the credit center at a service
 * window with a stated purpose; checked by their bytes (type, size) before anything is stored; kept
 * in the database sealed, with their SM3 under row digests; never replaced — a wrong file is
 * superseded by another that names it, with a note. Who may add and read, and whether the procedure
 * is open, is the procedure's service's to say (EvidenceAccess); the rest is the same for both.
 */

import type { Sealer } from '../../platform/crypto/sealing.ts';
import { sm3Bytes } from '../../platform/crypto/sm3.ts';
import { isUniqueViolation } from '../../platform/db/unique-violation.ts';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { type Actor, actorId, actorRole } from '../access/actor.ts';
import type { AuditTrail } from '../audit/audit-trail.service.ts';
import type { Db, Insertable, Store } from '../database.ts';
import type { NotificationTable } from '../lists/lists.tables.ts';
import {
  detectEvidenceType,
  EVIDENCE_MAX_BYTES,
  EVIDENCE_MAX_FILES,
  EVIDENCE_NOTE_MAX,
  EVIDENCE_TYPES,
  type EvidenceType,
  evidenceContentDisposition,
  evidenceName,
} from './evidence-files.ts';
import {
  type EvidenceMeta,
  type EvidenceRow,
  type EvidenceStore,
  evidenceRepository as repo,
} from './procedure-evidence.repository.ts';

/** An evidence file as views list it: never its bytes. */
export type EvidenceView = {
  id: string;
  /** the name as normalised (evidence-files.ts): text, to be shown as text */
  name: string;
  type: EvidenceType;
  mediaType: string;
  size: number;
  /** SM3 of the bytes, lowercase hex: the file downloaded hashes to it */
  sm3: string;
  addedVia: 'subject' | 'center';
  addedAt: string;
  supersedes: string | null;
  /** the file that replaced this one, if any; this one stays stored and readable */
  supersededBy: string | null;
  note: string | null;
};

export function evidenceViews(rows: readonly EvidenceMeta[]): EvidenceView[] {
  const replacedBy = new Map(rows.filter((r) => r.supersedes !== null).map((r) => [r.supersedes!, r.id]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    type: r.file_type as EvidenceType,
    mediaType: r.media_type,
    size: Number(r.size),
    sm3: r.sm3,
    addedVia: r.added_via,
    addedAt: r.added_at,
    supersedes: r.supersedes,
    supersededBy: replacedBy.get(r.id) ?? null,
    note: r.note,
  }));
}

export const evidenceTooLarge = (size?: number) =>
  new AppError(
    'EVIDENCE_TOO_LARGE',
    413,
    `证据材料每个文件不超过 ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB：请压缩或分成几个文件提交`,
    `An evidence file may be at most ${EVIDENCE_MAX_BYTES / 1024 / 1024} MiB; compress it or split it into several files`,
    { maxBytes: EVIDENCE_MAX_BYTES, ...(size === undefined ? {} : { size }) },
  );

const typeNames = Object.values(EVIDENCE_TYPES).map((t) => t.zh);
/** "PDF 文件、JPEG 图片、PNG 图片或 OFD 版式文件" */
const ALLOWED_ZH = `${typeNames.slice(0, -1).join('、')}或 ${typeNames.at(-1)}`;

/** A procedure's evidence: where it is stored, what it is called, and its refusals. */
export type EvidenceProcedure = {
  store: EvidenceStore;
  /** the procedure in messages: `异议` / `objection` */
  noun: { zh: string; en: string };
  /** the audit entry's action and target type, e.g. `procedures.objection_evidence_added`, `objection` */
  action: string;
  targetType: string;
  /** the actor may not add files to this procedure (it may read it) */
  forbidden(): AppError;
  /** the procedure is closed: no more files */
  closed(state: string): AppError;
};

/** What the procedure's service says of an actor and one of its procedures. */
export type EvidenceOwner = {
  id: string;
  /** the actor adds as the subject or as the center at a window; null: it may not add */
  adder: 'subject' | 'center' | null;
  open: boolean;
  state: string;
  /** why the actor, who may read the procedure, may not read its files; null: it may */
  readRefusal: AppError | null;
  /** notices written with a file in its transaction (e.g. to a provider whose opinion is pending) */
  noticesFor?: (file: EvidenceMeta) => Insertable<NotificationTable>[];
};

/** What the procedure's service lends: the procedure for the actor, or 404 when it may not read it. */
export type EvidenceAccess = { find(actor: Actor, id: string): Promise<EvidenceOwner> };

export type EvidenceDeps = {
  store: Store;
  audit: Pick<AuditTrail, 'writer'>;
  now: () => string;
  sealer: Pick<Sealer, 'sealBytes' | 'openBytes'>;
};

export type AddEvidenceInput = {
  bytes: Uint8Array;
  name?: string | undefined;
  supersedes?: string | undefined;
  note?: string | undefined;
};

export function procedureEvidence(deps: EvidenceDeps, procedure: EvidenceProcedure, access: EvidenceAccess) {
  const { store } = deps;
  const { noun } = procedure;

  /**
   * Adds an evidence file to an open procedure — the subject to its own, the center at a window for
   * the subject (purpose stated). Refused, with nothing stored: a file of another type than PDF,
   * JPEG, PNG or OFD by its bytes, empty or over the size limit, one too many, or superseding a file
   * that is not the procedure's or is superseded already.
   */
  async function add(
    actor: Actor,
    ownerId: string,
    input: AddEvidenceInput,
    options: { purpose?: string | undefined; requestId?: string | undefined } = {},
  ): Promise<EvidenceView> {
    const owner = await access.find(actor, ownerId);
    const party = owner.adder;
    if (party === null) throw procedure.forbidden();
    if (!owner.open) throw procedure.closed(owner.state);
    const { bytes } = input;
    if (bytes.length === 0) {
      throw badRequest(
        'EVIDENCE_EMPTY',
        '没有收到文件内容：请以文件本身作为请求体提交',
        'No file content was received; send the file itself as the request body',
      );
    }
    if (bytes.length > EVIDENCE_MAX_BYTES) throw evidenceTooLarge(bytes.length);
    const type = detectEvidenceType(bytes);
    if (type === null) {
      throw new AppError(
        'EVIDENCE_TYPE_NOT_ALLOWED',
        415,
        `证据材料只接受 ${ALLOWED_ZH}（按文件内容判断，与文件名和声明的类型无关）：请将材料扫描、拍照或另存为 PDF 后提交`,
        'Evidence is taken as PDF, JPEG, PNG or OFD only, judged by the file’s content, not its name or declared type; scan or photograph the document, or save it as PDF',
        { allowed: Object.values(EVIDENCE_TYPES).map((t) => t.mediaType) },
      );
    }
    const note = input.note?.trim() || null;
    if (note !== null && note.length > EVIDENCE_NOTE_MAX) {
      throw badRequest(
        'EVIDENCE_NOTE_TOO_LONG',
        `说明最多 ${EVIDENCE_NOTE_MAX} 个字符`,
        `The note may have at most ${EVIDENCE_NOTE_MAX} characters`,
        { max: EVIDENCE_NOTE_MAX },
      );
    }
    const supersedes = input.supersedes?.toLowerCase() ?? null;
    if (supersedes !== null && note === null) {
      throw badRequest(
        'EVIDENCE_NOTE_MISSING',
        '替换已提交的证据材料时，请在说明（note）中写明原因',
        'Superseding a file needs a note saying why',
        { field: 'note' },
      );
    }
    const at = deps.now();
    const row = {
      id: uuidv7(),
      name: evidenceName(input.name, type),
      file_type: type,
      media_type: EVIDENCE_TYPES[type].mediaType,
      size: bytes.length,
      sm3: sm3Bytes(bytes),
      // sealed under the data key (decision 0003): the database's administrator cannot read the file
      content: deps.sealer.sealBytes(bytes),
      supersedes,
      note,
      added_via: party,
      added_by: actorId(actor) ?? 'unknown',
      added_role: actorRole(actor),
      purpose: party === 'center' ? (options.purpose ?? null) : null,
      added_at: at,
    };
    const writer = { ...deps.audit.writer(actor, options.requestId, options.purpose), at };
    try {
      await store.db.transaction().execute(async (trx: Db) => {
        // one at a time per procedure on PostgreSQL, so two uploads at once cannot pass the count together
        await repo.lockOwner(trx, procedure.store, owner.id, store.capabilities.engine);
        const stored = (await repo.of(trx, procedure.store, [owner.id])).get(owner.id)!;
        if (stored.length >= EVIDENCE_MAX_FILES) {
          throw conflict(
            'EVIDENCE_TOO_MANY',
            `一项${noun.zh}最多提交 ${EVIDENCE_MAX_FILES} 个证据文件（含已被替换的）：请将材料合并为一个 PDF 后提交`,
            `Each ${noun.en} takes at most ${EVIDENCE_MAX_FILES} evidence files (superseded ones included); combine documents into one PDF`,
            { max: EVIDENCE_MAX_FILES },
          );
        }
        if (supersedes !== null) {
          const replaced = stored.find((e) => e.id === supersedes);
          if (!replaced) {
            throw notFound(
              'EVIDENCE_NOT_FOUND',
              `要替换的证据材料不属于这项${noun.zh}`,
              `The file to supersede is not evidence of this ${noun.en}`,
              { supersedes },
            );
          }
          if (stored.some((e) => e.supersedes === supersedes)) throw alreadySuperseded(supersedes);
        }
        const { content: _sealed, ...meta } = row;
        await repo.add(
          trx,
          procedure.store,
          { ...row, owner: owner.id },
          {
            notices: owner.noticesFor?.(meta) ?? [],
            writer,
            act: {
              action: procedure.action,
              targetType: procedure.targetType,
              targetId: owner.id,
              result: 'ok',
              detail: { evidenceId: row.id, type, size: row.size, sm3: row.sm3, supersedes, via: party },
            },
          },
        );
      });
    } catch (error) {
      // two replacements of one file at once: the unique index on `supersedes` lets one through
      if (isUniqueViolation(error) && supersedes !== null) throw alreadySuperseded(supersedes);
      throw error;
    }
    const { content: _bytes, ...meta } = row;
    return evidenceViews([meta])[0]!;
  }

  /** One evidence file, bytes included, for an actor the procedure's service lets read its files. */
  async function read(actor: Actor, ownerId: string, evidenceId: string): Promise<EvidenceDownload> {
    const owner = await access.find(actor, ownerId);
    if (owner.readRefusal) throw owner.readRefusal;
    const file = await repo.file(store.db, procedure.store, owner.id, evidenceId.toLowerCase());
    if (!file)
      throw notFound(
        'EVIDENCE_NOT_FOUND',
        `这项${noun.zh}没有这个证据材料`,
        `No such evidence file in this ${noun.en}`,
      );
    const type = file.file_type as EvidenceType;
    const { content, ...meta } = file;
    let bytes: Buffer;
    try {
      bytes = deps.sealer.openBytes(content);
    } catch {
      throw damaged(file.id);
    }
    // what was sealed is what was received: its SM3 and size as recorded under the row digest
    if (bytes.length !== Number(file.size) || sm3Bytes(bytes) !== file.sm3) throw damaged(file.id);
    return {
      file: meta,
      bytes,
      headers: {
        'content-type': EVIDENCE_TYPES[type].mediaType,
        'content-disposition': evidenceContentDisposition(file.name, type),
        'x-content-type-options': 'nosniff',
        // opened directly in a browser anyway: no script, no form, no same-origin access
        'content-security-policy': 'sandbox',
        // personal data: kept by no cache on the way
        'cache-control': 'private, no-store',
      },
    };
  }

  return { add, read };
}

/** A file to download: its row without the bytes, the bytes opened, and the headers to send them with. */
export type EvidenceDownload = {
  file: Omit<EvidenceRow, 'content'>;
  bytes: Buffer;
  headers: Record<string, string>;
};

const damaged = (id: string) =>
  new AppError(
    'EVIDENCE_DAMAGED',
    500,
    '该证据材料的密文校验失败，可能已被改动：请联系审计员运行 audit verify 核查',
    'This evidence file failed its integrity check and may have been altered; ask an auditor to run audit verify',
    { evidenceId: id },
  );

const alreadySuperseded = (id: string) =>
  conflict(
    'EVIDENCE_ALREADY_SUPERSEDED',
    '该证据材料已被替换：请替换最新提交的文件',
    'That file has been superseded already; supersede the latest one',
    { supersedes: id },
  );
