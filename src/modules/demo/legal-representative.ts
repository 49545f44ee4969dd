import type { SubjectsRepository } from '../subjects/subjects.repository.ts';

/**
 * The name of a demo organization's legal representative as registered (organizations refer to the
 * person by subject id), for the rows the demo pushes; the public sees it masked per A7.
 */
export async function legalRepresentativeName(
  subjects: Pick<SubjectsRepository, 'findById'>,
  attributes: Record<string, unknown>,
): Promise<string> {
  const id = attributes.legalRepresentativeId;
  return (typeof id === 'string' ? (await subjects.findById(id))?.name : undefined) ?? '（未登记）';
}
