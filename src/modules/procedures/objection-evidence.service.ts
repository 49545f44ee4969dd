/**
 * Evidence files of an objection (issue 16; A15, B28; decision 0033): added by the subject to its own
 * open objection, or by the credit center at a service window with a stated purpose; checked by their
 * bytes (type, size) before anything is stored; kept in the database with their SM3 under row digests;
 * never replaced — a wrong file is superseded by another that names it, with a note. Read by the
 * parties to the objection: the subject, the center, the record's provider, and the city's credit
 * office once the objection is appealed.
 */
import { sm3Bytes } from '../../platform/crypto/sm3.ts';
import { isUniqueViolation } from '../../platform/db/unique-violation.ts';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { type Actor, actorId, actorRole } from '../access/actor.ts';
import type { Db } from '../database.ts';
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
import { OPEN_STATES, type Party } from './objection-procedure.ts';
import {
  type EvidenceMeta,
  type EvidenceRow,
  type ObjectionRow,
  objectionsRepository as repo,
} from './objections.repository.ts';
import type { ObjectionsDeps } from './objections.service.ts';

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

/** What the objection's service lends: who the actor is for an objection, and its state. */
export type EvidenceAccess = {
  /** the objection and the actor's party, or 404 when the actor may not read it */
  find(
    actor: Actor,
    id: string,
  ): Promise<{ row: ObjectionRow; party: Party | null; state: string; appealed: boolean }>;
};

export type AddEvidenceInput = {
  bytes: Uint8Array;
  name?: string | undefined;
  supersedes?: string | undefined;
  note?: string | undefined;
};

export function objectionEvidence(
  deps: Pick<ObjectionsDeps, 'store' | 'audit' | 'now' | 'sealer'>,
  access: EvidenceAccess,
) {
  const { store } = deps;

  /**
   * A15, B28: adds an evidence file to an open objection — the subject to its own, the center at a
   * window for the subject (purpose stated). Refused, with nothing stored: a file of another type
   * than PDF, JPEG, PNG or OFD by its bytes, empty or over the size limit, one too many, or
   * superseding a file that is not the objection's or is superseded already.
   */
  async function add(
    actor: Actor,
    objectionId: string,
    input: AddEvidenceInput,
    options: { purpose?: string | undefined; requestId?: string | undefined } = {},
  ): Promise<EvidenceView> {
    const { row: objection, party, state } = await access.find(actor, objectionId);
    if (party !== 'subject' && party !== 'center') {
      throw new AppError(
        'OBJECTION_EVIDENCE_FORBIDDEN',
        403,
        '证据材料由信息主体提交，或由信用中心窗口代为提交',
        'Evidence is added by the subject, or by the credit center at a service window on its behalf',
      );
    }
    if (!OPEN_STATES.includes(state as never)) {
      throw conflict(
        'OBJECTION_EVIDENCE_CLOSED',
        '该异议已办结，不能再补充证据材料；对处理结果不服的，可以申诉（A17、B30）',
        'This objection is closed and takes no more evidence; its outcome may be appealed (A17, B30)',
        { state },
      );
    }
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
      objection_id: objection.id,
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
        // one at a time per objection on PostgreSQL, so two uploads at once cannot pass the count together
        await repo.lockObjection(trx, objection.id, store.capabilities.engine);
        const stored = (await repo.evidenceOf(trx, [objection.id])).get(objection.id)!;
        if (stored.length >= EVIDENCE_MAX_FILES) {
          throw conflict(
            'EVIDENCE_TOO_MANY',
            `一项异议最多提交 ${EVIDENCE_MAX_FILES} 个证据文件（含已被替换的）：请将材料合并为一个 PDF 后提交`,
            `An objection takes at most ${EVIDENCE_MAX_FILES} evidence files (superseded ones included); combine documents into one PDF`,
            { max: EVIDENCE_MAX_FILES },
          );
        }
        if (supersedes !== null) {
          const replaced = stored.find((e) => e.id === supersedes);
          if (!replaced) {
            throw notFound(
              'EVIDENCE_NOT_FOUND',
              '要替换的证据材料不属于这项异议',
              'The file to supersede is not evidence of this objection',
              { supersedes },
            );
          }
          if (stored.some((e) => e.supersedes === supersedes)) throw alreadySuperseded(supersedes);
        }
        await repo.addEvidence(trx, row, {
          writer,
          act: {
            action: 'procedures.objection_evidence_added',
            targetType: 'objection',
            targetId: objection.id,
            result: 'ok',
            detail: { evidenceId: row.id, type, size: row.size, sm3: row.sm3, supersedes, via: party },
          },
        });
      });
    } catch (error) {
      // two replacements of one file at once: the unique index on `supersedes` lets one through
      if (isUniqueViolation(error) && supersedes !== null) throw alreadySuperseded(supersedes);
      throw error;
    }
    const { content: _bytes, ...meta } = row;
    return evidenceViews([meta])[0]!;
  }

  /**
   * One evidence file, bytes included, for a party to the objection: the subject, the center, the
   * record's provider; the credit office (the city's) once the objection is appealed (A17).
   */
  async function read(
    actor: Actor,
    objectionId: string,
    evidenceId: string,
  ): Promise<{ file: Omit<EvidenceRow, 'content'>; bytes: Buffer; headers: Record<string, string> }> {
    const { row: objection, party, appealed } = await access.find(actor, objectionId);
    if (
      actor.kind === 'account' &&
      actor.role === 'credit_office' &&
      !(party === 'credit_office' && appealed)
    ) {
      throw new AppError(
        'OBJECTION_EVIDENCE_FORBIDDEN',
        403,
        '信用办在审查申诉时查阅证据材料（A17、B30）：这项异议未向本级信用办申诉',
        'The credit office reads evidence when it decides an appeal (A17, B30); this objection has not been appealed to it',
      );
    }
    const file = await repo.evidenceFile(store.db, objection.id, evidenceId.toLowerCase());
    if (!file)
      throw notFound(
        'EVIDENCE_NOT_FOUND',
        '这项异议没有这个证据材料',
        'No such evidence file in this objection',
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
