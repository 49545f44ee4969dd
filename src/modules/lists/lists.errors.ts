/** Row errors the lists module adds to intake (stable code, field, what to do; zh + en). */
import type { RowError } from '../catalog/index.ts';

/** A4: a subject with an effective black list entry cannot be put on a red list. */
export const redListBlocked = (): RowError => ({
  code: 'REDLIST_SUBJECT_BLACKLISTED',
  field: 'subject.code',
  message:
    '该信息主体正列入失信黑名单，不能列入红名单（A4：黑名单主体应从红名单中删除）。请核实后再报送；如黑名单有误，' +
    '由信息主体提出异议（POST /api/v1/me/objections，异议理由 cross_check），或由信用中心窗口代为提出' +
    '（POST /api/v1/objections），异议成立、黑名单依据更正后再报送红名单（A15、A16）。',
  messageEn:
    'This subject is on a black list and cannot be put on a red list (A4: black-listed subjects are removed from red lists). Check the decision; ' +
    'if the black list entry is wrong, the subject objects (POST /api/v1/me/objections, ground cross_check) or the credit center files it at a ' +
    'service window (POST /api/v1/objections); once the objection is upheld and the black list entry corrected, push the red list row again (A15, A16).',
});

/**
 * B26 (issue 15 W5): an ID number identifies the legal representative; the person registered under it
 * needs a name, which the row must give with it.
 */
export const legalRepresentativeNameMissing = (): RowError => ({
  code: 'LEGAL_REPRESENTATIVE_NAME_MISSING',
  field: 'fields.legalRepresentative',
  message:
    '填写了法定代表人或负责人的公民身份号码，请同时填写其姓名（B26：严重失信的，记入其本人信用记录）。',
  messageEn:
    "The legal representative's ID number is given without the name; give the name too (B26: a severe record is written into that person's own credit record).",
});

/**
 * B26: a severe record of an organization names its legal representative without an ID number. A name
 * identifies no one, so the record reaches only the persons registered for the organization (its
 * registered legal representative, relations the credit center registered); never one guessed by name.
 */
export const legalRepresentativeUnidentified = (): RowError => ({
  code: 'LEGAL_REPRESENTATIVE_UNIDENTIFIED',
  field: 'fields.legalRepresentativeCode',
  message:
    '已写入。该组织的严重失信记录只填写了法定代表人或负责人的姓名：仅凭姓名无法确定本人，平台不会据姓名记入任何人的信用记录，只记入已登记的法定代表人和责任人（B26）。请补报其公民身份号码。',
  messageEn:
    'Written. This severe record of an organization names its legal representative without an ID number: a name identifies no one, so the record is written only to the persons registered for the organization, never to anyone matched by name (B26). Push the ID number as a correction.',
});

/** B26: the ID number names a registered person whose name differs; the registered name is kept. */
export const legalRepresentativeNameConflict = (): RowError => ({
  code: 'LEGAL_REPRESENTATIVE_NAME_CONFLICT',
  field: 'fields.legalRepresentative',
  message:
    '已写入。法定代表人或负责人的姓名与该公民身份号码已登记的姓名不一致：以号码确定本人并记入其信用记录（B26），登记的姓名不变，请核对。',
  messageEn:
    "Written. The legal representative's name differs from the name registered for that ID number: the ID number identifies the person and the record is written to them (B26); the registered name stays. Please check.",
});
