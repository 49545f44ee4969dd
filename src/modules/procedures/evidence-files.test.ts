import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  detectEvidenceType,
  EVIDENCE_NAME_MAX,
  evidenceContentDisposition,
  evidenceName,
  zipEntryNames,
} from './evidence-files.ts';
import { JPEG, OFD, PDF, PNG, zip } from './test-support.ts';

describe('evidence files: what a file is, by its bytes (A15, B28)', () => {
  it('A15, B28: PDF, JPEG, PNG and an OFD package are recognised by their signatures', () => {
    assert.deepEqual(
      [PDF, JPEG, PNG, OFD].map((b) => detectEvidenceType(b)),
      ['pdf', 'jpeg', 'png', 'ofd'],
    );
  });

  it('A15, B28: markup, a script, a Word file (a zip without OFD.xml), a bare PNG signature and a PDF marker not at the start are refused', () => {
    const refused = [
      Buffer.from('<html><script>alert(1)</script></html>'),
      Buffer.from('#!/bin/sh\nrm -rf /\n'),
      zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }),
      zip({ 'Doc_0/OFD.xml': '<ofd:OFD/>' }),
      PNG.subarray(0, 8),
      Buffer.concat([Buffer.from('<html>'), PDF]),
      Buffer.alloc(0),
      Buffer.from([0xff, 0xd8]),
    ];
    assert.deepEqual(
      refused.map((b) => detectEvidenceType(b)),
      refused.map(() => null),
    );
  });

  it('A15, B28: a damaged zip yields no entries rather than an error', () => {
    assert.deepEqual(zipEntryNames(OFD.subarray(0, OFD.length - 10)), []);
    assert.deepEqual(zipEntryNames(Buffer.from('PK\u0003\u0004')), []);
    assert.deepEqual(zipEntryNames(OFD), ['OFD.xml', 'Doc_0/Document.xml']);
  });
});

describe('evidence files: the name a file is kept under (A15, B28)', () => {
  it('A15, B28: path parts are dropped, whichever separator; a browser fake path too', () => {
    assert.equal(evidenceName('../../etc/passwd.pdf', 'pdf'), 'passwd.pdf');
    assert.equal(evidenceName('C:\\fakepath\\扫描件.PDF', 'pdf'), '扫描件.pdf');
    assert.equal(evidenceName('..', 'png'), '证据材料.png');
    assert.equal(evidenceName(undefined, 'ofd'), '证据材料.ofd');
    assert.equal(evidenceName('  .hidden.jpeg  ', 'jpeg'), 'hidden.jpeg');
  });

  it('A15, B28: controls and direction-changing characters are removed, white space made one space, NFC', () => {
    assert.equal(evidenceName('cod.exe\u202Efdp.pdf', 'pdf'), 'cod.exefdp.pdf');
    assert.equal(evidenceName('a\u200b\u0000b\tc\n\nd.pdf', 'pdf'), 'ab c d.pdf');
    assert.equal(evidenceName('Cafe\u0301.png', 'png'), 'Café.png');
    assert.equal(evidenceName('\ud800bad.pdf', 'pdf'), '\ufffdbad.pdf');
  });

  it('A15, B28: the extension says what the file is: kept when it matches, appended when not', () => {
    assert.equal(evidenceName('回单.pdf', 'png'), '回单.pdf.png');
    assert.equal(evidenceName('照片.JPEG', 'jpeg'), '照片.jpeg');
    assert.equal(evidenceName('没有扩展名', 'pdf'), '没有扩展名.pdf');
  });

  it('A15, B28: markup is kept as the text it is; a long name is cut to the limit, its extension kept', () => {
    assert.equal(evidenceName('<b onclick="x()">粗体&amp;.pdf', 'pdf'), '<b onclick="x()">粗体&amp;.pdf');
    // a closing tag's slash is a path separator: what stands before it goes
    assert.equal(evidenceName('<b>粗体</b>.pdf', 'pdf'), 'b>.pdf');
    const long = evidenceName(`${'长'.repeat(300)}.pdf`, 'pdf');
    assert.equal([...long].length, EVIDENCE_NAME_MAX);
    assert.ok(long.endsWith('长.pdf'));
    // a character outside the BMP is cut whole, never halved into a lone surrogate
    const astral = evidenceName('𠮷'.repeat(200), 'png');
    assert.ok(astral.isWellFormed());
    assert.equal([...astral].length, EVIDENCE_NAME_MAX);
  });

  it('A15, B28: Content-Disposition is an attachment; the name percent-encoded in filename* (RFC 6266, RFC 5987), a plain fallback', () => {
    assert.equal(
      evidenceContentDisposition('scan 1.pdf', 'pdf'),
      `attachment; filename="scan 1.pdf"; filename*=UTF-8''scan%201.pdf`,
    );
    assert.equal(
      evidenceContentDisposition(`"a";b'(c)*!.png`, 'png'),
      `attachment; filename="evidence.png"; filename*=UTF-8''%22a%22%3Bb%27%28c%29%2A%21.png`,
    );
    assert.equal(
      evidenceContentDisposition('完税证明.pdf', 'pdf'),
      `attachment; filename="evidence.pdf"; filename*=UTF-8''%E5%AE%8C%E7%A8%8E%E8%AF%81%E6%98%8E.pdf`,
    );
  });
});
