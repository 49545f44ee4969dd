/**
 * The public credit information catalog (B8–B15, B18, A8): items and their versions, the seed
 * Huai'an catalog, the one row validation every intake route uses, forbidden-data detection (B14)
 * and the xlsx template per item.
 */

export type { CatalogRepository, PublishOutcome } from './catalog.repository.ts';
export * from './catalog.ts';
export {
  CatalogFieldSchema,
  CatalogItemDraftSchema,
  type DraftIssue,
  parseCatalogDraft,
} from './catalog-draft.ts';
export {
  columnsOf,
  type HeaderMapping,
  headerLabel,
  mapHeaders,
  plainCellValue,
  rowInputOf,
  type TemplateColumn,
} from './columns.ts';
export {
  containsForbiddenContent,
  detectForbidden,
  type ForbiddenHit,
  isForbiddenFieldName,
} from './forbidden.ts';
export { GROUND_FIELDS, groundOf, REMOVAL_FIELD, validUntilOf } from './list-fields.ts';
export type { RowError } from './row-errors.ts';
export { SEED_CATALOG } from './seed-catalog.ts';
export {
  buildTemplate,
  CHOICES_SHEET,
  EXAMPLE_PROVIDER_RECORD_ID,
  exampleRow,
  INSTRUCTIONS_SHEET,
} from './template.ts';
export {
  type CompiledItem,
  compileItem,
  type FieldValue,
  type RecordRowInput,
  type RowValidation,
  type ValidateOptions,
  type ValidRow,
  validateRecordRow,
} from './validate-row.ts';
