/**
 * @peculiar/x509 with the reflect polyfill its dependency injection needs, loaded once.
 */
import 'reflect-metadata';

export * from '@peculiar/x509';
