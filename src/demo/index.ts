/** The demo region loaded on first start. */
export { buildDemoIfEmpty, resetDemo, DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.loader';
