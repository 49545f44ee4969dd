import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { containsForbiddenContent, detectForbidden, isForbiddenFieldName } from './forbidden.ts';
import { OPTIONS, penaltyRow, seedItem } from './test-support.ts';
import { validateRecordRow } from './validate-row.ts';

describe('forbidden data by field name (B14)', () => {
  it('finds religion, genes, blood type, illness and medical history in Chinese, English and pinyin', () => {
    for (const name of [
      '宗教信仰',
      '信仰',
      '基因检测',
      '血型',
      '疾病',
      '病史',
      '既往病历',
      '诊断结果',
      '艾滋病',
      'religion',
      'religiousBelief',
      'faith',
      'geneticTest',
      'DNA',
      'dna_sample',
      'bloodType',
      'blood_group',
      'BloodType',
      'xuexing',
      'zongjiao',
      'illness',
      'diseaseName',
      'medicalHistory',
      'medical-records',
      'diagnosis',
      'hivStatus',
      'jibing',
    ]) {
      assert.equal(isForbiddenFieldName(name), true, name);
    }
  });

  it('does not over-block: ethnicity (B10(1)), blood donation (B11(2)), insurance, labour, biometrics', () => {
    for (const name of [
      '民族',
      'ethnicity',
      'nation',
      'bloodDonation',
      '无偿献血',
      'labor',
      'laborContract',
      'medicalInsurance',
      '医疗保险',
      '健康证明编号',
      'fingerprint',
      '指纹',
      'xinyong',
      'genderCode',
      'generalManager',
      'religionFree'.replace('religion', 'region'),
    ]) {
      assert.equal(isForbiddenFieldName(name), false, name);
    }
  });
});

describe('forbidden data by content, only in a personal context (B14)', () => {
  it('finds stated beliefs, blood types, illnesses and genetic data', () => {
    for (const text of [
      '当事人信仰佛教',
      '其系基督教徒',
      '改信伊斯兰教',
      'A型血',
      'AB 型 Rh阳性',
      'O型',
      '血型：B',
      '熊猫血',
      '乙肝病毒携带者',
      '大三阳',
      'HIV阳性',
      '艾滋病感染者',
      '患有精神分裂症',
      '有高血压病史',
      '经诊断为重度抑郁',
      '抑郁症患者',
      '精神病人',
      '基因检测结果显示携带致病突变',
      'DNA鉴定',
    ]) {
      assert.equal(containsForbiddenContent(text), true, text);
    }
  });

  it('leaves ordinary credit text alone: company names, laws, hazards, GMOs, forged records', () => {
    for (const text of [
      '信仰科技有限公司',
      '淮安市佛教协会',
      '淮安市基督教两会',
      '违反《中华人民共和国传染病防治法》第三十九条',
      '违反《艾滋病防治条例》第五十五条',
      '存在重大安全隐患有待整改',
      '医疗机构伪造病历骗取医保基金',
      '非法销售转基因玉米种子',
      'O型密封圈抽检不合格',
      'A',
      '纳税信用等级A级',
      '宣称产品可治疗糖尿病，构成虚假宣传',
      '无偿献血志愿服务',
      '汉族',
      'B型超声诊断仪未注册',
      '未按规定报告疫情',
    ]) {
      assert.equal(containsForbiddenContent(text), false, text);
    }
  });
});

describe('B14 protects persons: harm an organization caused is not forbidden data (issue 15 W9)', () => {
  it('W9, B14: accepts illness stated of a number of unnamed people — the harm the subject caused', () => {
    for (const text of [
      '导致23名消费者被确诊为食物中毒',
      '造成多名学生被诊断为细菌性痢疾',
      '泄露12名乙肝患者的个人信息',
      '致使3人确诊为一氧化碳中毒，其中1人死亡',
      '引发数十人患病',
    ]) {
      assert.equal(containsForbiddenContent(text), false, text);
    }
  });

  it("W9, B14: still refuses a named or single person's illness, and every belief, gene and blood type", () => {
    for (const text of [
      '当事人患有糖尿病',
      '法定代表人张三患有精神分裂症',
      '张三被确诊为肝癌',
      // the count is in another clause: the illness is stated of someone else
      '导致23名消费者食物中毒。法定代表人李四有高血压病史',
      // counts do not excuse religion, genes or blood types
      '23名员工信仰佛教',
      '对5名员工进行基因检测',
      '3人均为A型血',
      // a count that names persons, or one in another clause (a comma ends it)
      '当事人张三等3人均患有乙型肝炎',
      '法定代表人张三雇用3名员工，张三本人患有糖尿病',
      '3名员工中的张三患有糖尿病',
    ]) {
      assert.equal(containsForbiddenContent(text), true, text);
    }
  });
});

describe('detectForbidden names the field, never the value', () => {
  it('returns the dotted path of the field, by name or by content', () => {
    assert.deepEqual(detectForbidden({ fields: { bloodType: 'A' } }), { field: 'fields.bloodType' });
    assert.deepEqual(detectForbidden({ fields: { remark: '该人A型血' } }), { field: 'fields.remark' });
    assert.deepEqual(detectForbidden({ religion: '佛教' }), { field: 'religion' });
    assert.deepEqual(detectForbidden({ subject: { name: '张三（乙肝携带）' } }), { field: 'subject.name' });
    assert.deepEqual(detectForbidden({ fields: { notes: ['正常', '信仰天主教'] } }), {
      field: 'fields.notes',
    });
    assert.equal(detectForbidden(penaltyRow()), undefined);
  });

  it('refuses the whole row with FORBIDDEN_DATA only, and the value is nowhere in the result', () => {
    const secret = '患有精神分裂症';
    const byContent = validateRecordRow(
      seedItem('admin-penalty'),
      penaltyRow({ providerRecordId: '', fields: { ...(penaltyRow().fields as object), facts: secret } }),
      OPTIONS,
    );
    assert.equal(byContent.ok, false);
    assert.deepEqual(!byContent.ok && byContent.errors.map((e) => [e.code, e.field]), [
      ['FORBIDDEN_DATA', 'fields.facts'],
    ]);
    assert.ok(!JSON.stringify(byContent).includes(secret));
    assert.ok(!JSON.stringify(byContent).includes('精神'));

    const byName = validateRecordRow(
      seedItem('admin-penalty'),
      penaltyRow({ fields: { ...(penaltyRow().fields as object), xuexing: 'O型Rh阴性' } }),
      OPTIONS,
    );
    assert.deepEqual(!byName.ok && byName.errors.map((e) => [e.code, e.field]), [
      ['FORBIDDEN_DATA', 'fields.xuexing'],
    ]);
    assert.ok(!JSON.stringify(byName).includes('O型Rh阴性'));
  });
});
