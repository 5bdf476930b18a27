import type { ApiInstance } from '../../platform/route-types.ts';
import type { EmailTemplatesService } from './email-templates.service.ts';

// Skeleton: the editing API lands with the email templates work (issue 6).
export function emailTemplatesRoutes(_app: ApiInstance, _templates: EmailTemplatesService): void {}
