import { listAudit } from '../../audit/audit-repository.js';
import { projectScope } from '../../authz/actor.js';
import type { AuditEventRow } from '../../db/database.js';
import { builder } from '../builder.js';
import { connectionArgs, connectionType, paginate } from '../pagination.js';

const AuditEvent = builder.objectRef<AuditEventRow>('AuditEvent').implement({
  description: 'One management action: who did what to which object, with before/after snapshots.',
  fields: (t) => ({
    id: t.exposeID('id'),
    at: t.field({ type: 'DateTime', resolve: (e) => new Date(e.at) }),
    actorKeyId: t.exposeID('actor_key_id', {
      nullable: true,
      description: 'null: the system (CLI, first start).',
    }),
    action: t.exposeString('action', {
      description: 'e.g. key.created, key.revoked, project.updated',
    }),
    targetId: t.exposeID('target_id', { nullable: true }),
    projectId: t.exposeID('project_id', { nullable: true }),
    ip: t.exposeString('ip', { nullable: true }),
    details: t.field({
      type: 'JSON',
      nullable: true,
      resolve: (e) => (e.details === null ? null : JSON.parse(e.details)),
    }),
  }),
});

const AuditEventConnection = connectionType<AuditEventRow>('AuditEvent', AuditEvent);

const AuditFilter = builder.inputType('AuditFilter', {
  fields: (t) => ({
    projectId: t.id(),
    actorKeyId: t.id(),
    action: t.string(),
    targetId: t.id(),
    from: t.field({ type: 'DateTime' }),
    to: t.field({ type: 'DateTime' }),
  }),
});

builder.queryField('auditLog', (t) =>
  t.field({
    type: AuditEventConnection,
    nullable: true,
    description: "Newest first. Admin keys see every event; a project key sees its project's.",
    authScopes: { scope: 'audit:read' },
    args: { filter: t.arg({ type: AuditFilter }), ...connectionArgs },
    resolve: (_root, args, ctx) =>
      paginate(args, 'aud', async (page) => {
        const f = args.filter ?? {};
        const scope = projectScope(ctx.actor, f.projectId);
        if (scope === null) return [];
        return listAudit(ctx.services.db, {
          ...scope,
          ...(f.actorKeyId != null ? { actorKeyId: f.actorKeyId } : {}),
          ...(f.action != null ? { action: f.action } : {}),
          ...(f.targetId != null ? { targetId: f.targetId } : {}),
          ...(f.from != null ? { from: f.from } : {}),
          ...(f.to != null ? { to: f.to } : {}),
          ...(page.afterId !== undefined ? { beforeId: page.afterId } : {}),
          limit: page.limit,
        });
      }),
  }),
);
