/**
 * Where the operator's CV CA key file lives, beside `index.html` of the deployed build. Apart from the loading
 * code so that the build (the service worker's cache rules) can name it without importing browser code.
 */
export const CV_CA_KEYS_PATH = 'config/cv-ca-keys.json';
