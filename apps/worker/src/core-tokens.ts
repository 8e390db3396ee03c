/** Dependency-injection tokens for things that are not classes. */
export const WORKER_CONFIG = Symbol('WORKER_CONFIG');
export const DATABASE = Symbol('DATABASE');
export const REDIS = Symbol('REDIS');
/** Each project's secure storage (SecureStorageDirectoryPort): the one Azurite account locally, the project's own on Azure. */
export const SECURE_STORAGE_DIRECTORY = Symbol('SECURE_STORAGE_DIRECTORY');
/** Local mode's one secure account, for boot-time containers and health; null in azure mode (one account per project). */
export const SHARED_SECURE_STORAGE = Symbol('SHARED_SECURE_STORAGE');
export const PUBLIC_STORAGE = Symbol('PUBLIC_STORAGE');
export const DATA_MOVER = Symbol('DATA_MOVER');
export const ENVIRONMENT_PROVISIONER = Symbol('ENVIRONMENT_PROVISIONER');
export const MALWARE_SCANNER = Symbol('MALWARE_SCANNER');
/** Where each project's workspace-agent credential is delivered (WorkspaceCredentialVaultPort): a file locally, the project's Key Vault on Azure. */
export const WORKSPACE_CREDENTIAL_VAULT = Symbol('WORKSPACE_CREDENTIAL_VAULT');
export const NOTIFIER = Symbol('NOTIFIER');
/** The transactional notification outbox (NotificationOutboxPort over a database transaction). */
export const NOTIFICATION_OUTBOX = Symbol('NOTIFICATION_OUTBOX');
export const NOTIFICATION_DELIVERY_RUNNER = Symbol('NOTIFICATION_DELIVERY_RUNNER');
