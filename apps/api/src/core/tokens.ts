/** Dependency-injection tokens for things that are not classes. */
export const API_CONFIG = Symbol('API_CONFIG');
export const DATABASE = Symbol('DATABASE');
export const REDIS = Symbol('REDIS');
export const JOB_QUEUE = Symbol('JOB_QUEUE');
export const PUBLIC_STORAGE = Symbol('PUBLIC_STORAGE');
export const ACCESS_TOKEN_VERIFIER = Symbol('ACCESS_TOKEN_VERIFIER');
export const NOTIFIER = Symbol('NOTIFIER');
/** The transactional notification outbox (NotificationOutboxPort over a database transaction). */
export const NOTIFICATION_OUTBOX = Symbol('NOTIFICATION_OUTBOX');
/** The API's read-only way to the secure side (previews), through the worker's gateway. */
export const SECURE_GATEWAY = Symbol('SECURE_GATEWAY');
