export * from './list-sizes.ts';
export * from './measure.ts';
export * from './plugin.ts';
export * from './settings.ts';
