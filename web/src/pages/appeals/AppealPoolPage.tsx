import { AppealTable } from './AppealTable.tsx';

/** 诉求池: every appeal in the office's (or an overseer's) region scope. */
export default function AppealPoolPage() {
  return <AppealTable mode="pool" />;
}
