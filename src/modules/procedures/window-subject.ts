import { badRequest, notFound } from '../../platform/errors.ts';
import type { CodesService } from '../identity-codes/codes.service.ts';
import type { SubjectsRepository } from '../subjects/subjects.repository.ts';

/**
 * The subject a clerk names at a service window by its code. A code that fails its standard (a digit
 * mistyped, a wrong check character) says what is wrong with it (`SUBJECT_CODE_INVALID`, with the
 * checker's message and position), so the clerk corrects the typing instead of being told the subject
 * does not exist; a valid code of no registered subject is `SUBJECT_NOT_FOUND`.
 */
export async function subjectAtWindow(
  deps: {
    subjects: Pick<SubjectsRepository, 'findByCode'>;
    codes: Pick<CodesService, 'normalize' | 'check'>;
  },
  code: string,
): Promise<string> {
  const subject = await deps.subjects.findByCode(deps.codes.normalize(code));
  if (subject) return subject.id;
  const checked = await deps.codes.check(code);
  if (!checked.valid && checked.error) {
    throw badRequest(
      'SUBJECT_CODE_INVALID',
      `信息主体代码有误：${checked.error.message}`,
      `The subject's code is wrong: ${checked.error.messageEn}`,
      {
        field: 'subjectCode',
        reason: checked.error.code,
        ...(checked.error.position === undefined ? {} : { position: checked.error.position }),
      },
    );
  }
  throw notFound('SUBJECT_NOT_FOUND', '平台上没有这个信息主体', 'No such subject on the platform');
}
