/** Configuration: flags, environment and the config file, validated in one place. */
export * from './config.js';
