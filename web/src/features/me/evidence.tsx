/**
 * Evidence files (A15, B28) and proof of performance (A19, B32): chosen here, sent one by one as the
 * request body (the API takes the file itself, its type read from its bytes), listed with their
 * downloads. The limits shown are the server's (GET /api/v1/procedures/filing-rules); the server
 * refuses what does not fit, and its reason is shown beside the file.
 */
import { useMutation } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { useId, useRef, useState } from 'react';
import { ApiError, api, data } from '../../api/client.ts';
import { formatBytes, formatInstant } from './format.ts';
import type { EvidenceFile, FilingRules } from './labels.ts';
import { useFilingRules, useRefreshMine } from './queries.ts';
import { StatusTag } from './StatusTag.tsx';

export type ProcedureKind = 'objections' | 'repairs';

/** Sends one file to an open objection or repair of mine. */
export function uploadEvidence(kind: ProcedureKind, id: string, file: File): Promise<EvidenceFile> {
  const options = {
    params: { path: { id }, query: { name: file.name } },
    body: file as unknown as string,
    bodySerializer: (body: unknown) => body as BodyInit,
    // The type is the server's to read from the bytes: the browser's guess is not sent.
    headers: { 'Content-Type': 'application/octet-stream' },
  };
  return kind === 'objections'
    ? data(api.POST('/api/v1/me/objections/{id}/evidence', options))
    : data(api.POST('/api/v1/me/repairs/{id}/evidence', options));
}

/** Uploads files in turn; the ones refused, each with the server's reason. */
export async function uploadAll(
  kind: ProcedureKind,
  id: string,
  files: readonly File[],
): Promise<{ name: string; message: string }[]> {
  const failed: { name: string; message: string }[] = [];
  for (const file of files) {
    try {
      await uploadEvidence(kind, id, file);
    } catch (error) {
      failed.push({ name: file.name, message: error instanceof ApiError ? error.message : String(error) });
    }
  }
  return failed;
}

/** The accept attribute from the server's types: extensions and media types. */
const acceptOf = (rules: FilingRules['evidence'] | undefined) =>
  rules ? rules.types.flatMap((t) => [...t.extensions, t.mediaType]).join(',') : undefined;

/** Choosing files: a labelled file input, the limits in words, the chosen files with a way to drop one. */
export function EvidencePicker({
  files,
  onChange,
  rules,
  label = '证据材料',
}: {
  files: File[];
  onChange: (files: File[]) => void;
  rules: FilingRules['evidence'] | undefined;
  label?: string;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="evidence-picker">
      <label htmlFor={id} className="field-label">
        {label}（可选）
      </label>
      <p id={`${id}-help`} className="field-help">
        {rules ? rules.summary : '正在读取文件要求…'}
      </p>
      <input
        id={id}
        ref={input}
        type="file"
        multiple
        accept={acceptOf(rules)}
        aria-describedby={`${id}-help`}
        className="file-input"
        onChange={(event) => {
          const chosen = [...(event.target.files ?? [])];
          onChange([...files, ...chosen]);
          // the same file may be chosen again after it was removed
          if (input.current) input.current.value = '';
        }}
      />
      {files.length > 0 ? (
        <ul className="chosen-files" aria-label="已选择的文件">
          {files.map((file, index) => (
            <li key={`${file.name}-${file.size}-${file.lastModified}`}>
              <span className="file-name">{file.name}</span>
              <span className="file-size">{formatBytes(file.size)}</span>
              <Button
                size="small"
                onClick={() => onChange(files.filter((_, i) => i !== index))}
                aria-label={`移除 ${file.name}`}
              >
                移除
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The files of a procedure, in the order they were added, each a download. */
export function EvidenceList({
  kind,
  procedureId,
  files,
}: {
  kind: ProcedureKind;
  procedureId: string;
  files: readonly EvidenceFile[];
}) {
  if (files.length === 0) return <p className="muted">尚未提交文件。</p>;
  const names = new Map(files.map((f) => [f.id, f.name]));
  return (
    <ul className="evidence-list" aria-label="已提交的文件">
      {files.map((file) => (
        <li key={file.id}>
          <a href={`/api/v1/me/${kind}/${procedureId}/evidence/${file.id}`} download={file.name}>
            {file.name}
          </a>
          <span className="file-meta">
            {file.type.toUpperCase()} · {formatBytes(file.size)} · {formatInstant(file.addedAt)}
            {file.addedVia === 'center' ? ' · 信用中心窗口代交' : ''}
          </span>
          {file.supersededBy ? (
            <StatusTag>已被替换：{names.get(file.supersededBy) ?? '新文件'}</StatusTag>
          ) : null}
          {file.supersedes ? (
            <span className="file-meta">
              替换 {names.get(file.supersedes) ?? '原文件'}：{file.note}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** More files for an open objection or repair of mine; the refused ones stay listed with the reason. */
export function AddEvidence({
  kind,
  procedureId,
  label,
}: {
  kind: ProcedureKind;
  procedureId: string;
  label: string;
}) {
  const rules = useFilingRules();
  const refresh = useRefreshMine();
  const [files, setFiles] = useState<File[]>([]);
  const upload = useMutation({
    mutationFn: () => uploadAll(kind, procedureId, files),
    onSuccess: async (failed) => {
      setFiles(files.filter((f) => failed.some((x) => x.name === f.name)));
      await refresh();
    },
  });
  return (
    <div className="add-evidence">
      <EvidencePicker files={files} onChange={setFiles} rules={rules.data?.evidence} label={label} />
      <FailedFiles failed={upload.data} title="以下文件未能提交" />
      <Button onClick={() => upload.mutate()} disabled={files.length === 0} loading={upload.isPending}>
        提交文件
      </Button>
    </div>
  );
}

/** The files the platform refused, each with its reason (nothing when there are none). */
export function FailedFiles({
  failed,
  title,
  className,
}: {
  failed: readonly { name: string; message: string }[] | undefined;
  title: string;
  className?: string;
}) {
  if (!failed?.length) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title}
      className={className}
      description={
        <ul>
          {failed.map((f) => (
            <li key={f.name}>
              {f.name}：{f.message}
            </li>
          ))}
        </ul>
      }
    />
  );
}
