import type * as z from 'zod/mini';

/**
 * "evses[0].connectors[0].onlineData.power: expected number, received string" — specific enough
 * for a user to report, short enough for a panel. `root` names the part of the answer parsed.
 */
export function describeIssue(error: z.core.$ZodError, root = ''): string {
  const issue = error.issues[0];
  if (!issue) return root ? `${root}: unexpected data` : 'unexpected data';
  const path = issue.path.reduce<string>(
    (text: string, part: PropertyKey) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)),
    root,
  );
  // zod/mini ships without message locales (bundle size); say what was expected ourselves.
  const message =
    issue.code === 'invalid_type'
      ? `expected ${issue.expected}`
      : issue.code === 'custom' || issue.message !== 'Invalid input'
        ? issue.message
        : issue.code.replace(/_/g, ' ');
  return path ? `${path}: ${message}` : message;
}
