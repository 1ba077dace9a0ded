/**
 * The virtual My Number Card: simulator, personas and test PKI.
 */
export {
  VirtualMyNumberCard,
  CardNotPresentError,
  type PrivacyViolation,
  type VirtualCardOptions,
} from './virtual-card';
export { type TraceEntry } from './apdu-trace';
export { createPersonaCard, buildCardModel, type PersonaCard } from './persona-card';
export {
  PERSONA_IDS,
  PERSONA_PIN,
  PERSONA_SIGN_PASSWORD,
  persona,
  type Persona,
  type PersonaId,
  type CardFace,
} from './personas';
export { caCertificates, SIMULATOR_SIGN_CA_DN, SIMULATOR_AUTH_CA_DN } from './pki/simulator-pki';
