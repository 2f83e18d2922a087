/** Secret detection shared by the JS rule, the SAST scanner's text pass and the container scanner. */
export { DETECTORS, hasTokenChecksum, withTokenChecksum, type SecretDetector } from './detectors.ts';
export { findSecrets, redactSecrets, type SecretMatch } from './find.ts';
export { maskSecret } from './mask.ts';
export {
  SECRET_TEXT_RULE,
  isSecretTextFile,
  scanTextForSecrets,
  secretLocation,
  secretMessage,
  secretPrecision,
  secretProperties,
} from './text-scan.ts';
