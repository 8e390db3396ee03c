/** Dependency-injection tokens for things that are not classes. */
export const WORKER_CONFIG = Symbol('WORKER_CONFIG');
export const DATABASE = Symbol('DATABASE');
export const REDIS = Symbol('REDIS');
export const SECURE_STORAGE = Symbol('SECURE_STORAGE');
export const PUBLIC_STORAGE = Symbol('PUBLIC_STORAGE');
export const DATA_MOVER = Symbol('DATA_MOVER');
export const ENVIRONMENT_PROVISIONER = Symbol('ENVIRONMENT_PROVISIONER');
export const MALWARE_SCANNER = Symbol('MALWARE_SCANNER');
export const NOTIFIER = Symbol('NOTIFIER');
export const NOTIFICATION_DELIVERY_RUNNER = Symbol('NOTIFICATION_DELIVERY_RUNNER');
