/** The command-line interface. */
export { runCli } from './main.js';
