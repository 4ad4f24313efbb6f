import type { Label } from './labels.ts';

export const roles = [
  'enterprise',
  'collector',
  'taskForceOffice',
  'handler',
  'unitLeader',
  'governmentOffice',
  'leader',
  'supervisionOffice',
  'publicity',
  'admin',
] as const;

export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, Label> = {
  enterprise: { zh: '企业', en: 'Enterprise' },
  collector: { zh: '收集单位', en: 'Collector' },
  taskForceOffice: { zh: '专班办公室', en: 'Task-force office' },
  handler: { zh: '承办人员', en: 'Handler' },
  unitLeader: { zh: '单位负责人', en: 'Unit leader' },
  governmentOffice: { zh: '市府办公室', en: 'Government office' },
  leader: { zh: '市政府领导', en: 'Leader' },
  supervisionOffice: { zh: '督查室', en: 'Supervision office' },
  publicity: { zh: '宣传部门', en: 'Publicity' },
  admin: { zh: '系统管理员', en: 'Administrator' },
};
