/**
 * @peculiar/x509 with the reflect polyfill its dependency injection needs: the one import of the library.
 * Only the JPKI check (lazily) and the simulator load it, so it stays out of the start-up bundle.
 */
import 'reflect-metadata';

export * from '@peculiar/x509';
