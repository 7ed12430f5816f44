import { randomBytes } from 'node:crypto';

/** The staff name the demo token is recorded under in the audit trail. */
const DEMO_STAFF_NAME = 'demo';

/**
 * Demo mode without STAFF_TOKENS: a fresh staff API token for "demo" (32 characters, new at
 * every start, never stored), so a publication can be rehearsed end to end. Adds it to
 * `staffTokens` (token → name) and returns it; returns null when tokens are configured.
 */
export function addDemoStaffToken(staffTokens: Map<string, string>): string | null {
  if (staffTokens.size > 0) return null;
  const token = randomBytes(24).toString('base64url');
  staffTokens.set(token, DEMO_STAFF_NAME);
  return token;
}

/** The lines `npm start` prints about the token: what it is for and a curl to try. */
export function demoStaffTokenHelp(token: string, port: number): string[] {
  const body = JSON.stringify({ topic: 'news', title: 'ทดสอบการเผยแพร่', body: 'ข่าวทดลองจากโหมดสาธิต' });
  return [
    `  Staff API token (demo only, new at every start; set STAFF_TOKENS to choose your own): ${token}`,
    '  Rehearse a publication (subscribed demo users on the chat page receive it):',
    `    curl -X POST http://localhost:${port}/staff/api/publications \\`,
    `      -H 'Authorization: Bearer ${token}' -H 'Content-Type: application/json' \\`,
    `      -d '${body}'`,
    `    curl -H 'Authorization: Bearer ${token}' http://localhost:${port}/staff/api/stats`,
  ];
}
