export * from './schema';
export * from './database';
export * from './migrate';
export * from './migrations';
export * from './embedded-postgres';
export * from './repositories/audit.repository';
export * from './repositories/users.repository';
export * from './repositories/projects.repository';
