/**
 * Errors with stable codes (STYLE §5). Every error the platform reports to a caller has:
 * - `code`: a stable UPPER_SNAKE identifier integrators can branch on (never reworded);
 * - `status`: the HTTP status it maps to;
 * - `message` in Chinese (the platform's working language) and `messageEn` in English,
 *   both saying what to fix;
 * - optional `details` (which row, field, position, expected/actual value).
 * One mapper in `platform/http/error-handler.ts` turns anything else into a 500 that leaks nothing.
 */
export type ErrorDetails = Record<string, unknown>;

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly messageEn: string;
  readonly details: ErrorDetails | undefined;

  constructor(code: string, status: number, message: string, messageEn: string, details?: ErrorDetails) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = status;
    this.messageEn = messageEn;
    this.details = details;
  }

  toJSON(): { code: string; message: string; message_en: string; details?: ErrorDetails } {
    return {
      code: this.code,
      message: this.message,
      message_en: this.messageEn,
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

export const badRequest = (code: string, message: string, messageEn: string, details?: ErrorDetails) =>
  new AppError(code, 400, message, messageEn, details);

export const notFound = (code: string, message: string, messageEn: string, details?: ErrorDetails) =>
  new AppError(code, 404, message, messageEn, details);

export const conflict = (code: string, message: string, messageEn: string, details?: ErrorDetails) =>
  new AppError(code, 409, message, messageEn, details);
