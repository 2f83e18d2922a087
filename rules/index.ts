import type { RuleModule } from '../src/sast/rule.ts';
import cipherStaticIv from './js/cipher-static-iv.ts';
import codeInjection from './js/code-injection.ts';
import commandInjection from './js/command-injection.ts';
import argumentInjection from './js/argument-injection.ts';
import domXss from './js/dom-xss.ts';
import hardcodedSecret from './js/hardcoded-secret.ts';
import hardcodedCredentials from './js/hardcoded-credentials.ts';
import insecureCookie from './js/insecure-cookie.ts';
import electronInsecureSettings from './js/electron-insecure-settings.ts';
import insecureRandom from './js/insecure-random.ts';
import jwtDecodeAsVerify from './js/jwt-decode-as-verify.ts';
import jwtVerifyAlgorithms from './js/jwt-verify-algorithms.ts';
import redosRegex from './js/redos-regex.ts';
import regexpInjection from './js/regexp-injection.ts';
import sqlInjection from './js/sql-injection.ts';
import tlsVerificationDisabled from './js/tls-verification-disabled.ts';
import weakCipher from './js/weak-cipher.ts';
import weakHash from './js/weak-hash.ts';

import nosqlInjection from './js/nosql-injection.ts';
import pathTraversal from './js/path-traversal.ts';
import ssrf from './js/ssrf.ts';
import openRedirect from './js/open-redirect.ts';
import reflectedXss from './js/reflected-xss.ts';
import templateInjection from './js/template-injection.ts';
import headerInjection from './js/header-injection.ts';
import corsOriginReflection from './js/cors-origin-reflection.ts';
import prototypePollution from './js/prototype-pollution.ts';
import xxe from './js/xxe.ts';
import unsafeDeserialization from './js/unsafe-deserialization.ts';
import polynomialRedos from './js/polynomial-redos.ts';
import logInjection from './js/log-injection.ts';
import xpathInjection from './js/xpath-injection.ts';
import loopBoundInjection from './js/loop-bound-injection.ts';
import userControlledBypass from './js/user-controlled-bypass.ts';
import incompleteSanitization from './js/incomplete-sanitization.ts';
import cleartextStorage from './js/cleartext-storage.ts';
import resourceExhaustion from './js/resource-exhaustion.ts';
import massAssignment from './js/mass-assignment.ts';
import unsafeDynamicMethod from './js/unsafe-dynamic-method.ts';
import taintedRequire from './js/tainted-require.ts';
import zipSlip from './js/zip-slip.ts';
import taintedFormatString from './js/tainted-format-string.ts';
import ldapInjection from './js/ldap-injection.ts';
import domUrlInjection from './js/dom-url-injection.ts';
import jwtSensitivePayload from './js/jwt-sensitive-payload.ts';
import jwtExpiry from './js/jwt-expiry.ts';
import tlsWeakVersion from './js/tls-weak-version.ts';
import cleartextTransport from './js/cleartext-transport.ts';
import xssSanitizerBypass from './js/xss-sanitizer-bypass.ts';
import corsPermissive from './js/cors-permissive.ts';
import bufferNoAssert from './js/buffer-noassert.ts';
import documentDomain from './js/document-domain.ts';
import postmessageStarOrigin from './js/postmessage-star-origin.ts';
import bidiCharacters from './js/bidi-characters.ts';
import timingUnsafeCompare from './js/timing-unsafe-compare.ts';
import bufferUnsafeAllocation from './js/buffer-unsafe-allocation.ts';
import sqlMultipleStatements from './js/sql-multiple-statements.ts';
import helmetProtectionDisabled from './js/helmet-protection-disabled.ts';
import csrfBeforeMethodOverride from './js/csrf-before-method-override.ts';
import hostHeaderUrl from './js/host-header-url.ts';
import stackTraceExposure from './js/stack-trace-exposure.ts';
import insufficientKeySize from './js/insufficient-key-size.ts';
import insecureHttpParser from './js/insecure-http-parser.ts';
import postmessageOriginUnchecked from './js/postmessage-origin-unchecked.ts';
import privateFileExposure from './js/private-file-exposure.ts';
import insecureTemporaryFile from './js/insecure-temporary-file.ts';
import fileSystemRace from './js/file-system-race.ts';
import hardcodedDataInterpretedAsCode from './js/hardcoded-data-interpreted-as-code.ts';
import missingCsrfProtection from './js/missing-csrf-protection.ts';
import sessionFixation from './js/session-fixation.ts';
import cleartextLogging from './js/cleartext-logging.ts';
import sensitiveQueryString from './js/sensitive-query-string.ts';
import caseSensitiveMiddlewarePath from './js/case-sensitive-middleware-path.ts';
import promptInjection from './js/prompt-injection.ts';
import globalUploadMiddleware from './js/global-upload-middleware.ts';
import incompleteUrlCheck from './js/incomplete-url-check.ts';
import incorrectSuffixCheck from './js/incorrect-suffix-check.ts';
import incompleteUrlSchemeCheck from './js/incomplete-url-scheme-check.ts';
import doubleEscaping from './js/double-escaping.ts';
import badTagFilter from './js/bad-tag-filter.ts';
import gcmTagLength from './js/gcm-tag-length.ts';
import validatorAllErrors from './js/validator-all-errors.ts';
import spoofableRateLimitKey from './js/spoofable-rate-limit-key.ts';

/** Every SAST rule vigil ships; rules.test.ts checks that each rule file is listed. */
export const sastRules: RuleModule[] = [
  codeInjection,
  commandInjection,
  argumentInjection,
  sqlInjection,
  domXss,
  weakHash,
  weakCipher,
  cipherStaticIv,
  insecureRandom,
  tlsVerificationDisabled,
  jwtVerifyAlgorithms,
  jwtDecodeAsVerify,
  regexpInjection,
  redosRegex,
  hardcodedSecret,
  hardcodedCredentials,
  insecureCookie,
  electronInsecureSettings,
  nosqlInjection,
  pathTraversal,
  ssrf,
  openRedirect,
  reflectedXss,
  templateInjection,
  headerInjection,
  corsOriginReflection,
  prototypePollution,
  xxe,
  unsafeDeserialization,
  logInjection,
  xpathInjection,
  resourceExhaustion,
  loopBoundInjection,
  userControlledBypass,
  incompleteSanitization,
  cleartextStorage,
  massAssignment,
  unsafeDynamicMethod,
  taintedRequire,
  zipSlip,
  taintedFormatString,
  ldapInjection,
  domUrlInjection,
  jwtSensitivePayload,
  jwtExpiry,
  tlsWeakVersion,
  cleartextTransport,
  xssSanitizerBypass,
  corsPermissive,
  polynomialRedos,
  bufferNoAssert,
  documentDomain,
  postmessageStarOrigin,
  bidiCharacters,
  timingUnsafeCompare,
  bufferUnsafeAllocation,
  sqlMultipleStatements,
  helmetProtectionDisabled,
  csrfBeforeMethodOverride,
  hostHeaderUrl,
  stackTraceExposure,
  insufficientKeySize,
  insecureHttpParser,
  postmessageOriginUnchecked,
  privateFileExposure,
  insecureTemporaryFile,
  fileSystemRace,
  hardcodedDataInterpretedAsCode,
  missingCsrfProtection,
  sessionFixation,
  cleartextLogging,
  sensitiveQueryString,
  caseSensitiveMiddlewarePath,
  promptInjection,
  globalUploadMiddleware,
  incompleteUrlCheck,
  incorrectSuffixCheck,
  incompleteUrlSchemeCheck,
  doubleEscaping,
  badTagFilter,
  gcmTagLength,
  validatorAllErrors,
  spoofableRateLimitKey,
];
