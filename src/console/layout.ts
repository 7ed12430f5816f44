import { can, ROLE_NAMES, type Permission, type Role } from '../staff/roles.js';
import { html, type Html } from '../http/html.js';

/** Whose console a page belongs to: the municipality it names in its header and title. */
export interface Site {
  /** The municipality's name ("เทศบาลตำบลโพนทราย"): the town's from its documents, a tenant's from the tenants table. */
  town: string;
}

/** Who is looking at a page, the token their forms carry, and whose console it is. */
export interface Viewer extends Site {
  name: string;
  role: Role;
  csrf: string;
}

const NAV: Array<{ href: string; label: string; id: string; needs?: Permission }> = [
  { href: '/staff/', label: 'หน้าหลัก', id: 'home' },
  { href: '/staff/publications', label: 'ข่าวสาร', id: 'publications', needs: 'publications.read' },
  { href: '/staff/tips', label: 'เบาะแส', id: 'tips', needs: 'tips.handle' },
  { href: '/staff/questions', label: 'คำถาม', id: 'questions', needs: 'questions.read' },
  { href: '/staff/report', label: 'รายงานรายไตรมาส', id: 'report', needs: 'report.read' },
  { href: '/staff/audit', label: 'บันทึกการตรวจสอบ', id: 'audit', needs: 'audit.read' },
  { href: '/staff/accounts', label: 'บัญชีผู้ใช้', id: 'accounts', needs: 'accounts.manage' },
];

/** The hidden field that carries the session's CSRF token. */
export const csrfField = (viewer: { csrf: string }): Html =>
  html`<input type="hidden" name="_csrf" value="${viewer.csrf}">`;

/** A one-button form (POST), for actions such as logout or cancel. */
export function postButton(
  viewer: Viewer,
  action: string,
  label: string,
  opts: { fields?: Record<string, string>; kind?: 'danger' | 'secondary'; confirm?: string } = {},
): Html {
  const fields = Object.entries(opts.fields ?? {}).map(
    ([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`,
  );
  return html`<form method="post" action="${action}" class="inline"${opts.confirm ? html` data-confirm="${opts.confirm}"` : ''}>${csrfField(viewer)}${fields}<button type="submit" class="${opts.kind ?? ''}">${label}</button></form>`;
}

/** The page shell: Thai, large text, the municipality's name, a menu of what this role may open, print-friendly. */
export function layout(who: Viewer | Site, page: { title: string; active?: string; body: Html; wide?: boolean }): Html {
  const viewer = 'role' in who ? who : null;
  const nav = viewer
    ? html`<nav class="menu" aria-label="เมนู">${NAV.filter((n) => !n.needs || can(viewer.role, n.needs)).map(
        (n) => html`<a href="${n.href}"${n.id === page.active ? html` aria-current="page"` : ''}>${n.label}</a>`,
      )}</nav>
      <div class="who"><span>${viewer.name} · ${ROLE_NAMES[viewer.role]}</span>
        <a href="/staff/password">เปลี่ยนรหัสผ่าน</a>
        ${postButton(viewer, '/staff/logout', 'ออกจากระบบ', { kind: 'secondary' })}</div>`
    : '';
  return html`<!doctype html>
<html lang="th">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${page.title} · ระบบเจ้าหน้าที่ ${who.town}</title>
<link rel="icon" href="/staff/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/staff/assets/console.css">
<script type="module" src="/staff/assets/console.js"></script>
</head>
<body>
<header class="top"><a class="brand" href="/staff/">ระบบเจ้าหน้าที่ · ${who.town}</a>${nav}</header>
<main class="${page.wide ? 'wide' : ''}">
<h1>${page.title}</h1>
${page.body}
</main>
</body>
</html>`;
}

/** A short message box: the result of an action, or why it was refused. */
export function notice(kind: 'ok' | 'error' | 'info', text: string | Html): Html {
  return html`<p class="notice ${kind}" role="${kind === 'error' ? 'alert' : 'status'}">${text}</p>`;
}
