/**
 * The secrets store entry of the webhook URL saved with `aggwatch config set notify` (filed like a tenant's client
 * secret, under this name and the settings folder's keychain id). Tenant names cannot hold a colon: no tenant's
 * secret can be taken for it.
 */
export const NOTIFY_SECRET_NAME = 'notify:webhook';
