/**
 * Imported before the harness: n8n's logger at debug level, as JSON so that log metadata is
 * written too. The harness only sets N8N_LOG_LEVEL when it is unset.
 */
process.env.N8N_LOG_LEVEL = 'debug';
process.env.N8N_LOG_FORMAT = 'json';
process.env.N8N_LOG_OUTPUT = 'console';

export {};
