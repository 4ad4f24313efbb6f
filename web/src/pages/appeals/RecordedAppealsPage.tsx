import { AppealTable } from './AppealTable.tsx';

/** 我登记的诉求: what the collector's unit has gathered (the server lists exactly those). */
export default function RecordedAppealsPage() {
  return <AppealTable mode="recorded" />;
}
