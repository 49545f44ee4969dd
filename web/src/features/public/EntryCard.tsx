/**
 * One red- or black-list entry as a card (a phone's list, a person's page): who, which list, why,
 * who provided it, when listed and until when — the entry as the API gave it (persons masked, A7).
 */
import { Link } from 'react-router';
import type { ListEntry } from './api-types.ts';
import { ProcedureTag } from './ProcedureTag.tsx';

export function SubjectLink({ subject }: { subject: ListEntry['subject'] }) {
  if (subject.kind === 'person' && subject.handle) {
    return <Link to={`/persons/${subject.handle}`}>{subject.name}</Link>;
  }
  if (subject.kind === 'organization') return <Link to={`/subjects/${subject.code}`}>{subject.name}</Link>;
  return <>{subject.name}</>;
}

export function EntryCard({ entry, showSubject = true }: { entry: ListEntry; showSubject?: boolean }) {
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
          <SubjectLink subject={entry.subject} /> <ProcedureTag procedure={entry.procedure} />
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
