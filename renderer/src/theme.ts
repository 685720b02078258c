// The look of a Chinese office application: system CJK fonts, compact rows, a calm blue.
import type { ThemeConfig } from 'antd';

export const FONT_FAMILY =
  "-apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Hiragino Sans GB', 'Segoe UI', sans-serif";

export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f5fbf',
    borderRadius: 4,
    fontFamily: FONT_FAMILY,
    fontSize: 14,
  },
  components: {
    Layout: { siderBg: '#0f2a4d', headerBg: '#ffffff', bodyBg: '#f3f5f8' },
    Menu: { darkItemBg: '#0f2a4d', darkSubMenuItemBg: '#0f2a4d', darkItemSelectedBg: '#1f5fbf' },
    Table: { cellPaddingBlockSM: 6 },
  },
};
