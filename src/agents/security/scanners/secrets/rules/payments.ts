import { END, regex } from '../patterns';
import { secretRule, type SecretRule } from '../rule';

const STRIPE_ROLL = 'Roll the key in the Stripe dashboard (Developers > API keys) and load the new one from the environment.';

export const PAYMENT_RULES: SecretRule[] = [
  secretRule(
    'stripe-secret-key',
    {
      title: 'Stripe live secret key',
      description: 'A Stripe live secret key (sk_live_) moves real money: charges, refunds and payouts.',
      fix: STRIPE_ROLL,
      severity: 'critical',
    },
    { keywords: ['sk_live_'], regex: regex(`\\b(sk_live_[A-Za-z0-9]{24,247})\\b`), entropy: 3 },
  ),
  secretRule(
    'stripe-restricted-key',
    {
      title: 'Stripe live restricted key',
      description: 'A Stripe live restricted key (rk_live_) calls the Stripe API with the permissions it was given.',
      fix: STRIPE_ROLL,
      severity: 'high',
    },
    { keywords: ['rk_live_'], regex: regex(`\\b(rk_live_[A-Za-z0-9]{24,247})\\b`), entropy: 3 },
  ),
  secretRule(
    'stripe-test-key',
    {
      title: 'Stripe test secret key',
      description: 'A Stripe test-mode secret key (sk_test_) exposes test data and account settings, not real money.',
      fix: STRIPE_ROLL,
      severity: 'low',
    },
    { keywords: ['sk_test_'], regex: regex(`\\b(sk_test_[A-Za-z0-9]{24,247})\\b`), entropy: 3 },
  ),
  secretRule(
    'stripe-webhook-secret',
    {
      title: 'Stripe webhook signing secret',
      description: 'A webhook signing secret (whsec_) lets anyone forge webhook events your endpoint will trust.',
      fix: 'Roll the signing secret of the endpoint in the Stripe dashboard (Developers > Webhooks).',
      severity: 'medium',
    },
    { keywords: ['whsec_'], regex: regex(`\\b(whsec_[A-Za-z0-9+/=]{32,88})(?![A-Za-z0-9+/=])`), entropy: 3 },
  ),
  secretRule(
    'square-access-token',
    {
      title: 'Square access token',
      description: 'A Square access token (EAAA... or sq0atp-) takes payments and reads customer data for the seller.',
      fix: 'Replace the access token in the Square Developer Dashboard (Credentials) or revoke the OAuth grant.',
      severity: 'critical',
    },
    { keywords: ['eaaa', 'sq0atp-'], regex: regex(`\\b(EAAA[\\w-]{60}|sq0atp-[\\w-]{22})${END}`), entropy: 3.5 },
  ),
  secretRule(
    'square-oauth-secret',
    {
      title: 'Square OAuth application secret',
      description: 'A Square application secret (sq0csp-) exchanges OAuth codes for seller access tokens.',
      fix: 'Replace the application secret in the Square Developer Dashboard (OAuth) and update the server that uses it.',
      severity: 'high',
    },
    { keywords: ['sq0csp-'], regex: regex(`\\b(sq0csp-[\\w-]{43})${END}`), entropy: 3 },
  ),
  secretRule(
    'braintree-access-token',
    {
      title: 'Braintree / PayPal production access token',
      description: 'A Braintree production access token (access_token$production$...) takes live PayPal payments.',
      fix: 'Revoke the access token in the PayPal developer dashboard and issue a new one.',
      severity: 'critical',
    },
    {
      keywords: ['access_token$production$'],
      regex: regex(`(access_token\\$production\\$[0-9a-z]{16}\\$[0-9a-f]{32})\\b`),
      entropy: 3,
    },
  ),
  secretRule(
    'shopify-access-token',
    {
      title: 'Shopify access token',
      description: 'A Shopify Admin API access token (shpat_, shpca_, shppa_) reads and changes the store, orders and customers.',
      fix: 'Uninstall or rotate the app credentials in the Shopify admin (Apps > Develop apps) and issue a new token.',
      severity: 'critical',
    },
    { keywords: ['shpat_', 'shpca_', 'shppa_'], regex: regex(`\\b(shp(?:at|ca|pa)_[a-fA-F0-9]{32})\\b`), entropy: 3 },
  ),
  secretRule(
    'shopify-shared-secret',
    {
      title: 'Shopify app shared secret',
      description: 'A Shopify app shared secret (shpss_) signs webhooks and OAuth requests for the app.',
      fix: 'Rotate the API secret key of the app in the Shopify Partner dashboard.',
      severity: 'high',
    },
    { keywords: ['shpss_'], regex: regex(`\\b(shpss_[a-fA-F0-9]{32})\\b`), entropy: 3 },
  ),
];
