/**
 * Console roles and what each may do. Least privilege: only tip handlers ever see a tip;
 * auditors read reports and the audit trail but change nothing; admins manage accounts but
 * do not publish or read tips. STAFF_TOKENS (automation) are outside this table.
 */
export const ROLES = ['editor', 'tip-handler', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = {
  editor: 'ผู้เผยแพร่ข่าวสาร',
  'tip-handler': 'ผู้รับเรื่องเบาะแส',
  auditor: 'ผู้ตรวจสอบ',
  admin: 'ผู้ดูแลระบบ',
};

export type Permission =
  | 'publications.read'
  | 'publications.write'
  | 'tips.handle'
  | 'questions.read'
  | 'questions.improve'
  | 'report.read'
  | 'audit.read'
  | 'accounts.manage';

const GRANTS: Record<Role, readonly Permission[]> = {
  editor: ['publications.read', 'publications.write', 'questions.read', 'questions.improve', 'report.read'],
  'tip-handler': ['tips.handle', 'report.read'],
  auditor: ['publications.read', 'questions.read', 'report.read', 'audit.read'],
  admin: ['accounts.manage', 'audit.read', 'report.read', 'publications.read', 'questions.read'],
};

/** What each permission lets a person do, in the words a refusal page uses. */
export const PERMISSION_NAMES: Record<Permission, string> = {
  'publications.read': 'ดูข่าวสารที่เผยแพร่',
  'publications.write': 'เขียนและเผยแพร่ข่าวสาร',
  'tips.handle': 'ดูและดำเนินการเรื่องเบาะแส',
  'questions.read': 'ดูคำถามของประชาชน',
  'questions.improve': 'ปรับคำตอบของบอท',
  'report.read': 'ดูรายงาน',
  'audit.read': 'ดูบันทึกการตรวจสอบ',
  'accounts.manage': 'จัดการบัญชีผู้ใช้',
};

/** The roles that may do `permission`, in Thai, for telling someone whom to ask. */
export function rolesThatCan(permission: Permission): string[] {
  return ROLES.filter((role) => GRANTS[role].includes(permission)).map((role) => ROLE_NAMES[role]);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function can(role: string | undefined, permission: Permission): boolean {
  return isRole(role) && GRANTS[role].includes(permission);
}
