import { SEVERITIES } from '../../monitoring/severity.js';
import { builder } from '../builder.js';

export const SeverityEnum = builder.enumType('Severity', {
  description: "How serious an anomaly is, least first; a project's alertPolicy acts from one up.",
  values: SEVERITIES,
});
