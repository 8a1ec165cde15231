/**
 * @peculiar/x509, loaded the way it must be: its dependency tsyringe refuses to load unless a
 * Reflect metadata polyfill is already in place, and ES modules evaluate imports in order.
 */
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto);

export { x509 };
