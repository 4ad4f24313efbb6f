import { GlobalOutlined } from '@ant-design/icons';
import { Button, type ButtonProps } from 'antd';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** Switches between Chinese and English; the button names the language it switches to. */
interface Props {
  className?: string;
  type?: ButtonProps['type'];
  /** Show "EN" / "中" (a phone's header); the accessible name stays "English" / "中文". */
  compact?: boolean;
}

export function LanguageSwitch({ className, type = 'default', compact = false }: Props) {
  const { locale, setLocale } = useI18n();
  const next = locale === 'zh' ? 'en' : 'zh';
  const name = next === 'en' ? 'English' : '中文';
  return (
    <Button
      className={className}
      type={type}
      icon={compact ? undefined : <GlobalOutlined />}
      lang={next === 'en' ? 'en' : 'zh-CN'}
      onClick={() => setLocale(next)}
    >
      {compact ? (
        <>
          <span aria-hidden="true">{next === 'en' ? 'EN' : '中'}</span>
          <span className="visually-hidden">{name}</span>
        </>
      ) : (
        name
      )}
    </Button>
  );
}
