import { can, ROLE_NAMES, type Permission, type Role } from '../staff/roles.js';
import { html, type Html } from '../http/html.js';

/** Whose console a page belongs to: the municipality it names, and where the console is. */
export interface Site {
  /** The municipality's name ("เทศบาลตำบลโพนทราย"): the town's from its documents, a tenant's from the tenants table. */
  town: string;
  /** The console's address, which every link and form starts with: /staff, or /t/<id>/staff in the shared service. */
  root: string;
}

/** The site of a console request: the name, and the address the console was reached under (express's baseUrl). */
export const siteOf = (req: { baseUrl: string }, town: () => string): Site => ({ town: town(), root: req.baseUrl });

/** Who is looking at a page, the token their forms carry, and whose console it is. */
export interface Viewer extends Site {
  name: string;
  role: Role;
  csrf: string;
}

/** The menu: paths under the console's root. */
const NAV: Array<{ path: string; label: string; id: string; needs?: Permission }> = [
  { path: '/', label: 'หน้าหลัก', id: 'home' },
  { path: '/publications', label: 'ข่าวสาร', id: 'publications', needs: 'publications.read' },
  { path: '/tips', label: 'เบาะแส', id: 'tips', needs: 'tips.handle' },
  { path: '/questions', label: 'คำถาม', id: 'questions', needs: 'questions.read' },
  { path: '/report', label: 'รายงานรายไตรมาส', id: 'report', needs: 'report.read' },
  { path: '/audit', label: 'บันทึกการตรวจสอบ', id: 'audit', needs: 'audit.read' },
  { path: '/accounts', label: 'บัญชีผู้ใช้', id: 'accounts', needs: 'accounts.manage' },
];

/** The hidden field that carries the session's CSRF token. */
export const csrfField = (viewer: { csrf: string }): Html =>
  html`<input type="hidden" name="_csrf" value="${viewer.csrf}">`;

/** A one-button form (POST) to `path` under the console (e.g. '/logout'), for actions such as logout or cancel. */
export function postButton(
  viewer: Viewer,
  path: string,
  label: string,
  opts: { fields?: Record<string, string>; kind?: 'danger' | 'secondary'; confirm?: string } = {},
): Html {
  const fields = Object.entries(opts.fields ?? {}).map(
    ([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`,
  );
  return html`<form method="post" action="${viewer.root}${path}" class="inline"${opts.confirm ? html` data-confirm="${opts.confirm}"` : ''}>${csrfField(viewer)}${fields}<button type="submit" class="${opts.kind ?? ''}">${label}</button></form>`;
}

/** The page shell: Thai, large text, the municipality's name, a menu of what this role may open, print-friendly. */
export function layout(who: Viewer | Site, page: { title: string; active?: string; body: Html; wide?: boolean }): Html {
  const viewer = 'role' in who ? who : null;
  const nav = viewer
    ? html`<nav class="menu" aria-label="เมนู">${NAV.filter((n) => !n.needs || can(viewer.role, n.needs)).map(
        (n) =>
          html`<a href="${who.root}${n.path}"${n.id === page.active ? html` aria-current="page"` : ''}>${n.label}</a>`,
      )}</nav>
      <div class="who"><span>${viewer.name} · ${ROLE_NAMES[viewer.role]}</span>
        <a href="${who.root}/password">เปลี่ยนรหัสผ่าน</a>
        ${postButton(viewer, '/logout', 'ออกจากระบบ', { kind: 'secondary' })}</div>`
    : '';
  return html`<!doctype html>
<html lang="th">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${page.title} · ระบบเจ้าหน้าที่ ${who.town}</title>
<link rel="icon" href="${who.root}/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="${who.root}/assets/console.css">
<script type="module" src="${who.root}/assets/console.js"></script>
</head>
<body>
<header class="top"><a class="brand" href="${who.root}/">ระบบเจ้าหน้าที่ · ${who.town}</a>${nav}</header>
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
