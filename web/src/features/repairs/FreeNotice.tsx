import { Alert } from 'antd';

/** Repair is free (国办发〔2025〕22号; NDRC Order 36): said on every repair page, as the API says it. */
export function FreeNotice({ text }: { text?: string | undefined }) {
  return (
    <Alert
      className="free-notice"
      type="warning"
      showIcon
      title="信用修复免费"
      description={
        text ?? '信用修复不收取任何费用，也不委托任何机构代办；以收费为条件“代办修复”“删除记录”的，都是诈骗。'
      }
    />
  );
}
