// A Jira project key as the app accepts it in any payload (the admin's setup, the gadget's scope):
// an upper-case letter, then letters, digits or underscores, 2-10 characters; typed keys are
// trimmed and upper-cased first.
import { z } from 'zod';

export const ProjectKeySchema = z
  .string({ error: 'Enter a project key.' })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9_]{1,9}$/, {
    error: 'A project key is 2-10 capital letters, digits or underscores, starting with a letter (e.g. LCOO).',
  });
