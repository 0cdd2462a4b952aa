export * from './london-time.js';
export * from './working-days.js';
