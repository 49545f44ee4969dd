/**
 * antd theme tokens. Colours are chosen for WCAG AA contrast on white (antd's default blue #1677ff is
 * 4.1:1 with white text, below 4.5:1); the 长辈版 adds larger type, larger controls and near-black text.
 */
import type { ThemeConfig } from 'antd';

const FONT_FAMILY =
  '-apple-system, BlinkMacSystemFont, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Segoe UI", Roboto, sans-serif';

export const STANDARD_THEME: ThemeConfig = {
  token: {
    colorPrimary: '#0958d9',
    // antd's derived hover and active are lighter (≈4:1 with white text); a hovered or pressed button
    // must stay AA
    colorPrimaryHover: '#003eb3',
    colorPrimaryActive: '#002c8c',
    colorLink: '#0958d9',
    colorError: '#cf1322',
    colorWarning: '#ad6800',
    colorSuccess: '#237804',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)', // 5.7:1 on white (axe: a Select's placeholder is text)
    fontFamily: FONT_FAMILY,
    borderRadius: 6,
  },
};

export const ELDER_THEME: ThemeConfig = {
  token: {
    ...STANDARD_THEME.token,
    colorPrimary: '#003eb3',
    colorPrimaryHover: '#002c8c',
    colorPrimaryActive: '#001d66',
    colorLink: '#003eb3',
    colorText: '#000000',
    colorTextSecondary: '#141414',
    colorTextTertiary: '#262626',
    colorTextDescription: '#262626',
    colorTextPlaceholder: '#595959',
    colorBorder: '#595959',
    fontSize: 20,
    controlHeight: 44,
    lineHeight: 1.6,
  },
};
