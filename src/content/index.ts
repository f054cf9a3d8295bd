export * from './model.js';
export * from './document.js';
export * from './repo.js';
export * from './articles.js';
