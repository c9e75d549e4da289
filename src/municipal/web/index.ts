/** The municipal information centre's staff screens. */
export { RequestPage } from './request-page';
export { RequestsPage } from './requests-page';
export { SubscriptionsPage } from './subscriptions-page';
