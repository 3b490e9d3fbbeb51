/**
 * Every TypeORM entity of tipline. The app, the CLI and the migration-drift test use this one
 * list, so an entity missing here is caught by the drift test. Each feature adds its own.
 */
export const ENTITIES: Function[] = [];
