/**
 * The simulator uses the app's single entry to @peculiar/x509.
 */
export * from '../../../app/card/x509';
