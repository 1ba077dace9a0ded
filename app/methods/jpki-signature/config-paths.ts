/**
 * Where the operator's JPKI files live, beside `index.html` of the deployed build. Apart from the loading
 * code so that the build (the service worker's cache rules) can name them without importing browser code.
 */
export const TRUST_ANCHOR_PATH = 'config/jpki-trust-anchors.pem';
export const REVOCATION_CONFIG_PATH = 'config/revocation.json';
