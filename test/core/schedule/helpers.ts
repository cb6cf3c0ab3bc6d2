export * from '../../../src/core/schedule';
export { tr } from '../../../src/core/i18n';
