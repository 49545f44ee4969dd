/**
 * The credit reports the platform issued (信用报告, C §5(3); issue 19 issues them), as the public
 * verification page asks about them: one look-up by report number and the verification code printed
 * on every page of the report (issue 19: 6–8 characters; the QR code carries both). The
 * context holds one registry (`AppContext.reports`); until the report issue supplies the real one,
 * `NO_REPORTS` answers that no such report was issued — a report is never made up here.
 */
export type IssuedReport = {
  reportNo: string;
  /** e.g. `{ code: 'public', name: '公共信用信息报告（公示版）' }` */
  reportType: { code: string; name: string };
  /** the issuing credit center */
  issuer: { department: string; name: string };
  subject: { kind: 'person' | 'organization'; name: string; code: string };
  /** the 校验码 printed beside the number, upper case (issue 19) */
  verificationCode: string;
  /** the period the report covers (China dates) */
  period: { from: string; to: string };
  /** ISO 8601 UTC instant of issue */
  issuedAt: string;
  /** SM3 of the PDF as issued, hex: a holder compares it with the file they were handed */
  pdfSm3: string;
};

/**
 * Finds an issued report by its number and its verification code (upper case, no spaces); undefined
 * unless both match one report — a wrong code and an unknown number must look the same to the caller.
 * The subject's own code is not the second factor: a report holder should not need a person's ID
 * number to check a paper, and a look-up by ID number would tell who has reports.
 */
export type ReportRegistry = {
  find(reportNo: string, verificationCode: string): Promise<IssuedReport | undefined>;
};

/** No report has been issued (the default until the report issue registers its registry). */
export const NO_REPORTS: ReportRegistry = { find: async () => undefined };
