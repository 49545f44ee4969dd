/** Row errors the lists module adds to intake (stable code, field, what to do; zh + en). */
import type { RowError } from '../catalog/index.ts';

/** A4: a subject with an effective black list entry cannot be put on a red list. */
export const redListBlocked = (): RowError => ({
  code: 'REDLIST_SUBJECT_BLACKLISTED',
  field: 'subject.code',
  message:
    '该信息主体正列入失信黑名单，不能列入红名单（A4：黑名单主体应从红名单中删除）。请核实后再报送；如黑名单有误，请先按异议程序处理。',
  messageEn:
    'This subject is on a black list and cannot be put on a red list (A4: black-listed subjects are removed from red lists). Check the decision; if the black list entry is wrong, raise an objection first.',
});
