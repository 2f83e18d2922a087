import type { IacRule } from '../src/iac/rule.ts';
import addRemoteUrl from './dockerfile/add-remote-url.ts';
import apkNoCache from './dockerfile/apk-no-cache.ts';
import aptListsNotCleaned from './dockerfile/apt-lists-not-cleaned.ts';
import aptNoInstallRecommends from './dockerfile/apt-no-install-recommends.ts';
import aptUnpinnedPackages from './dockerfile/apt-unpinned-packages.ts';
import chmod777 from './dockerfile/chmod-777.ts';
import curlPipeShell from './dockerfile/curl-pipe-shell.ts';
import missingHealthcheck from './dockerfile/missing-healthcheck.ts';
import rootUser from './dockerfile/root-user.ts';
import secretInEnv from './dockerfile/secret-in-env.ts';
import sudo from './dockerfile/sudo.ts';
import unpinnedBaseImage from './dockerfile/unpinned-base-image.ts';
import excessivePermissions from './workflow/excessive-permissions.ts';
import missingPermissions from './workflow/missing-permissions.ts';
import scriptInjection from './workflow/script-injection.ts';
import secretsToUntrusted from './workflow/secrets-to-untrusted.ts';
import unpinnedAction from './workflow/unpinned-action.ts';
import untrustedCheckout from './workflow/untrusted-checkout.ts';

/** Every Dockerfile and workflow rule vigil ships; rules.test.ts checks that each rule file is listed. */
export const iacRules: IacRule[] = [
  rootUser,
  unpinnedBaseImage,
  secretInEnv,
  curlPipeShell,
  addRemoteUrl,
  aptNoInstallRecommends,
  aptUnpinnedPackages,
  aptListsNotCleaned,
  apkNoCache,
  missingHealthcheck,
  sudo,
  chmod777,
  scriptInjection,
  untrustedCheckout,
  unpinnedAction,
  missingPermissions,
  excessivePermissions,
  secretsToUntrusted,
];
