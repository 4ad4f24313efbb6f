import type { ThemeConfig } from 'antd';

/** Brand colours, chosen dark enough for WCAG AA contrast of text on white and white on them. */
export const brand = {
  primary: '#0958d9',
  header: '#123f8c',
};

export const theme: ThemeConfig = {
  token: {
    colorPrimary: brand.primary,
    colorInfo: brand.primary,
    colorLink: brand.primary,
    // antd derives lighter hover and active shades, too light for white text (or as text on white);
    // a hovered or pressed control keeps 4.5:1 with darker ones.
    colorPrimaryHover: '#003eb3',
    colorPrimaryActive: '#002c8c',
    colorLinkHover: '#003eb3',
    colorLinkActive: '#002c8c',
    colorError: '#c41d1d',
    // antd's default secondary and placeholder greys are too light for 4.5:1 on white.
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextQuaternary: 'rgba(0, 0, 0, 0.56)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Helvetica Neue', Arial, sans-serif",
    borderRadius: 6,
  },
  components: {
    Layout: { headerBg: brand.header, headerPadding: '0 16px', headerHeight: 56, siderBg: '#ffffff' },
  },
};
