export * from './logger.ts';
export * from './metrics.ts';
export * from './plugin.ts';
export * from './scope.ts';
export * from './settings.ts';
export * from './tracing.ts';
export * from './shutdown.ts';
