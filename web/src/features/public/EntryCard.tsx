/**
 * One red- or black-list entry as a card (a phone's list, a person's page): who, which list, why,
 * who provided it, when listed and until when — the entry as the API gave it (persons masked, A7).
 */
import { Link } from 'react-router';
import type { ListEntry } from './api-types.ts';
import { ProcedureTag } from './ProcedureTag.tsx';

/**
 * The subject's name, a link to its public page where it has one: an organization's page always; a
 * person's only from the black list, by its handle (A7: a person is published only while black-listed —
 * a red-listed person has no public page, and the API sends no handle for one; a handle on a red-list
 * entry is not followed either).
 */
export function SubjectLink({ subject, list }: { subject: ListEntry['subject']; list: 'red' | 'black' }) {
  if (subject.kind === 'person' && subject.handle && list === 'black') {
    return <Link to={`/persons/${subject.handle}`}>{subject.name}</Link>;
  }
  if (subject.kind === 'organization') return <Link to={`/subjects/${subject.code}`}>{subject.name}</Link>;
  return <>{subject.name}</>;
}

export function EntryCard({
  entry,
  list,
  showSubject = true,
}: {
  entry: ListEntry;
  /** the list the entry was read from: only a black-list person's name links to a page */
  list: 'red' | 'black';
  showSubject?: boolean;
}) {
  const rows: [string, string | null][] = [
    ['名单', entry.listName],
    ['列入事由', entry.groundText ?? entry.ground],
    ['荣誉或称号', entry.honorName],
    ['失信程度', entry.severity],
    ['认定单位', entry.identifyingUnit],
    ['文书号', entry.documentNumber],
    ['法定代表人', entry.legalRepresentative],
    ['提供单位', entry.provider.name],
    ['列入日期', entry.listedOn],
    ['移出日期', entry.validUntil],
  ];
  return (
    <article className="entry-card">
      {showSubject ? (
        <p className="entry-card-title">
          <SubjectLink subject={entry.subject} list={list} /> <ProcedureTag procedure={entry.procedure} />
        </p>
      ) : (
        <ProcedureTag procedure={entry.procedure} />
      )}
      {showSubject ? <p className="entry-card-code">{entry.subject.code}</p> : null}
      <dl className="facts">
        {rows
          .filter(([, value]) => value !== null && value !== '')
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
    </article>
  );
}
