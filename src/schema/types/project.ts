import type { Project } from '../../projects/project.js';
import { builder } from '../builder.js';
import { connectionArgs, connectionType, paginate } from '../pagination.js';
import { unwrap } from '../unwrap.js';
import { ApiKeyConnection, KeyFilter } from './api-key.js';
import { PlanEnum } from './enums.js';
import { SeverityEnum } from './severity.js';

export const ProjectRef = builder.objectRef<Project>('Project');

const RotationPolicy = builder
  .objectRef<NonNullable<Project['rotationPolicy']>>('RotationPolicy')
  .implement({
    fields: (t) => ({
      maxKeyAgeDays: t.exposeInt('maxKeyAgeDays'),
      enforce: t.exposeBoolean('enforce'),
    }),
  });

const AlertPolicy = builder.objectRef<Project['alertPolicy']>('AlertPolicy').implement({
  description: "What an anomaly of one of the project's keys does (see Query.anomalies).",
  fields: (t) => ({
    autoSuspend: t.exposeBoolean('autoSuspend', {
      description:
        'true: an anomaly of minSeverity or above disables its key at once (status DISABLED, KEY_DISABLED); updateKey(enabled: true) turns it back on.',
    }),
    minSeverity: t.field({ type: SeverityEnum, resolve: (p) => p.minSeverity }),
  }),
});

ProjectRef.implement({
  description:
    'One consuming application or integration (a tenant). Owns keys and its ledger data.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    plan: t.field({ type: PlanEnum, resolve: (p) => p.plan }),
    region: t.exposeString('region', { nullable: true }),
    allowedScopes: t.exposeStringList('allowedScopes', {
      description: 'The scope ceiling: no key of this project can use a scope outside it.',
    }),
    rotationPolicy: t.field({
      type: RotationPolicy,
      nullable: true,
      resolve: (p) => p.rotationPolicy,
    }),
    alertPolicy: t.field({ type: AlertPolicy, resolve: (p) => p.alertPolicy }),
    createdAt: t.field({ type: 'DateTime', resolve: (p) => p.createdAt }),
    keys: t.field({
      type: ApiKeyConnection,
      nullable: true,
      authScopes: { scope: 'keys:read' },
      args: { filter: t.arg({ type: KeyFilter }), ...connectionArgs },
      resolve: (p, args, ctx) =>
        paginate(args, 'key', (page) =>
          ctx.services.keys.listKeys(ctx.actor, { ...args.filter, projectId: p.id }, page),
        ),
    }),
  }),
});

export const ProjectConnection = connectionType<Project>('Project', ProjectRef);

const RotationPolicyInput = builder.inputType('RotationPolicyInput', {
  fields: (t) => ({
    maxKeyAgeDays: t.int({ required: true, description: '1–365' }),
    enforce: t.boolean({ required: true }),
  }),
});

const AlertPolicyInput = builder.inputType('AlertPolicyInput', {
  fields: (t) => ({
    autoSuspend: t.boolean({ required: true }),
    minSeverity: t.field({ type: SeverityEnum, required: true }),
  }),
});

const CreateProjectInput = builder.inputType('CreateProjectInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    plan: t.field({ type: PlanEnum, defaultValue: 'FREE' }),
    region: t.string(),
    allowedScopes: t.stringList({ required: true }),
    rotationPolicy: t.field({ type: RotationPolicyInput }),
    alertPolicy: t.field({
      type: AlertPolicyInput,
      description: 'Default: { autoSuspend: false, minSeverity: HIGH }.',
    }),
  }),
});

const UpdateProjectInput = builder.inputType('UpdateProjectInput', {
  description: 'Omitted fields stay as they are. plan and allowedScopes need an admin key.',
  fields: (t) => ({
    name: t.string(),
    plan: t.field({ type: PlanEnum }),
    region: t.string({ description: 'null clears it' }),
    allowedScopes: t.stringList(),
    rotationPolicy: t.field({ type: RotationPolicyInput, description: 'null clears it' }),
    alertPolicy: t.field({
      type: AlertPolicyInput,
      description: 'Replaced whole; cannot be null.',
    }),
  }),
});

builder.queryFields((t) => ({
  projects: t.field({
    type: ProjectConnection,
    nullable: true,
    description: 'Admin keys see every project; a project key sees its own.',
    authScopes: { scope: 'projects:read' },
    args: connectionArgs,
    resolve: (_root, args, ctx) =>
      paginate(args, 'prj', (page) => ctx.services.projects.listProjects(ctx.actor, page)),
  }),
  project: t.field({
    type: ProjectRef,
    nullable: true,
    authScopes: { scope: 'projects:read' },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => ctx.services.projects.getProject(ctx.actor, id),
  }),
}));

builder.mutationFields((t) => ({
  createProject: t.field({
    type: ProjectRef,
    nullable: true,
    description: 'Admin keys only.',
    authScopes: { $all: { scope: 'projects:write', admin: true } },
    args: { input: t.arg({ type: CreateProjectInput, required: true }) },
    resolve: async (_root, { input }, ctx) =>
      unwrap(await ctx.services.projects.createProject(ctx.actor, input)),
  }),
  updateProject: t.field({
    type: ProjectRef,
    nullable: true,
    authScopes: { scope: 'projects:write' },
    args: {
      id: t.arg.id({ required: true }),
      input: t.arg({ type: UpdateProjectInput, required: true }),
    },
    resolve: async (_root, { id, input }, ctx) =>
      unwrap(await ctx.services.projects.updateProject(ctx.actor, id, input)),
  }),
}));
