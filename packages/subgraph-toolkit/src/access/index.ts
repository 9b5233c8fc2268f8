export * from './caller.ts';
export * from './config.ts';
export * from './directive.ts';
export * from './rules.ts';
export * from './token-maker.ts';
export * from './verification.ts';
