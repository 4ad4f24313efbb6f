import { Typography } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { usePublicSettings } from '../api/queries.ts';

interface Props {
  title: string;
  /** Buttons on the right (below the title on a phone). */
  extra?: ReactNode;
  description?: ReactNode;
}

/** The page's one h1, which also names the browser tab. */
export function PageHeader({ title, extra, description }: Props) {
  const settings = usePublicSettings();
  const productName = settings.data?.productName;
  useEffect(() => {
    document.title = productName ? `${title} - ${productName}` : title;
  }, [title, productName]);

  return (
    <div className="page-header">
      <div className="page-header-main">
        <Typography.Title level={1} className="page-title">
          {title}
        </Typography.Title>
        {extra ? <div className="page-header-extra">{extra}</div> : null}
      </div>
      {description ? (
        <Typography.Paragraph className="page-description">{description}</Typography.Paragraph>
      ) : null}
    </div>
  );
}
