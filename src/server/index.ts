/** The HTTP server: app construction and the listening process. */
export * from './app.js';
export * from './start-server.js';
