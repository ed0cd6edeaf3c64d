export { main } from './main.js';
export type { Io, Command } from './io.js';
