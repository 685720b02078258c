// 使用说明 in a side drawer: App.tsx mounts it and toggles it with F1 (the desktop menu's
// 帮助 → 使用说明 presses F1 for it). Shows the topic for the area on screen, in the chosen language.
import { Drawer } from 'antd';
import { useI18n } from '../i18n';
import { HELP_BOOKS, helpArea } from './books';
import { HelpArticle } from './HelpArticle';
import './help.css';

export interface HelpDrawerProps {
  area: string;
  open: boolean;
  onClose(): void;
}

export function HelpDrawer({ area, open, onClose }: HelpDrawerProps) {
  const { locale } = useI18n();
  const book = HELP_BOOKS[locale];
  return (
    <Drawer title={book.ui.title} placement="right" size={460} open={open} onClose={onClose} destroyOnHidden>
      <HelpArticle book={book} area={helpArea(area)} />
    </Drawer>
  );
}

export default HelpDrawer;
