// A page with nothing to show yet: its title, what is missing, and the one button that fixes it.
import type { ReactNode } from 'react';
import { Card, Empty } from 'antd';

export function EmptyPage({ title, description, action }: { title: string; description: string; action: ReactNode }) {
  return (
    <div className="page">
      <div className="page-head">
        <h2>{title}</h2>
      </div>
      <Card>
        <Empty className="empty-box" description={description}>
          {action}
        </Empty>
      </Card>
    </div>
  );
}
