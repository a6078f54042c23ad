import type { Scope } from './scopes.js';

/** Who performs a management action: a verified key, or the system itself (CLI, first start). */
export interface Actor {
  /** null for the system. */
  keyId: string | null;
  /** The project a project-bound key belongs to; null for admin keys and the system. */
  projectId: string | null;
  /** Admin keys and the system act on every project. */
  isAdmin: boolean;
  /** Scopes the actor holds (with implications): the most it may grant. */
  held: ReadonlySet<Scope>;
  ip: string | null;
}

/**
 * The projects a read by `actor` may cover when it asks for `requested`: `{}` for all (an
 * admin key asking for none in particular), `{ projectId }` for one, or null when a project
 * key names another project — answered exactly like a project that does not exist.
 */
export function projectScope(
  actor: Actor,
  requested: string | null | undefined,
): { projectId?: string } | null {
  if (actor.isAdmin) return requested == null ? {} : { projectId: requested };
  const own = actor.projectId;
  if (own === null || (requested != null && requested !== own)) return null;
  return { projectId: own };
}

/** True when the actor may see or change something that belongs to `projectId`. */
export function canAccessProject(actor: Actor, projectId: string | null): boolean {
  return actor.isAdmin || (projectId !== null && actor.projectId === projectId);
}

/** The system acting on its own (the CLI, the first start, the monitor), holding `held`. */
export function systemActor(held: Iterable<Scope>): Actor {
  return { keyId: null, projectId: null, isAdmin: true, held: new Set(held), ip: null };
}
