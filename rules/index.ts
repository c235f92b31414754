import type { RuleDefinition } from '../src/engine/types.js';
import absoluteWorkdir from './absolute-workdir.js';
import allowedImages from './allowed-images.js';
import apkVirtualBuildDeps from './apk-virtual-build-deps.js';
import cleanPackageCache from './clean-package-cache.js';
import copyDestNeedsSlash from './copy-dest-needs-slash.js';
import copyFromUnknownStage from './copy-from-unknown-stage.js';
import copyIgnoredFile from './copy-ignored-file.js';
import copySourceOutsideContext from './copy-source-outside-context.js';
import curlWithoutFail from './curl-without-fail.js';
import definitionDescription from './definition-description.js';
import eolBaseImage from './eol-base-image.js';
import exposeProtoCasing from './expose-proto-casing.js';
import featureNeedsNewerSyntax from './feature-needs-newer-syntax.js';
import firstInstructionFrom from './first-instruction-from.js';
import frozenLockfileInstall from './frozen-lockfile-install.js';
import ineffectiveParserDirective from './ineffective-parser-directive.js';
import invalidDefaultArgInFrom from './invalid-default-arg-in-from.js';
import invalidExpose from './invalid-expose.js';
import invalidFlag from './invalid-flag.js';
import invalidHeredoc from './invalid-heredoc.js';
import invalidImageReference from './invalid-image-reference.js';
import invalidInstructionArguments from './invalid-instruction-arguments.js';
import invalidJsonForm from './invalid-json-form.js';
import invalidLabelKey from './invalid-label-key.js';
import invalidLabelValue from './invalid-label-value.js';
import invalidOnbuildTrigger from './invalid-onbuild-trigger.js';
import invalidParserDirective from './invalid-parser-directive.js';
import invalidStageName from './invalid-stage-name.js';
import invalidStopsignal from './invalid-stopsignal.js';
import invalidVariableSubstitution from './invalid-variable-substitution.js';
import ioError from './io-error.js';
import keywordCasing from './keyword-casing.js';
import minimizeRunLayers from './minimize-run-layers.js';
import noAptKey from './no-apt-key.js';
import noBuildToolsInFinalStage from './no-build-tools-in-final-stage.js';
import noBuiltinArgDefault from './no-builtin-arg-default.js';
import noCdInRun from './no-cd-in-run.js';
import noChownFlag from './no-chown-flag.js';
import noCopyEntireContext from './no-copy-entire-context.js';
import noCopyEntireStage from './no-copy-entire-stage.js';
import noCopyFromSelf from './no-copy-from-self.js';
import noCredentialSetupInRun from './no-credential-setup-in-run.js';
import noCurlPipeShell from './no-curl-pipe-shell.js';
import noDebianFrontendEnv from './no-debian-frontend-env.js';
import noDeleteInLaterLayer from './no-delete-in-later-layer.js';
import noDistUpgrade from './no-dist-upgrade.js';
import noDuplicateExpose from './no-duplicate-expose.js';
import noEmptyContinuation from './no-empty-continuation.js';
import noEnvSelfReference from './no-env-self-reference.js';
import noExposeHostPort from './no-expose-host-port.js';
import noHardcodedPlatform from './no-hardcoded-platform.js';
import noHardcodedSecrets from './no-hardcoded-secrets.js';
import noIgnoredFailures from './no-ignored-failures.js';
import noInlineSuppressions from './no-inline-suppressions.js';
import noInsecureRunFlags from './no-insecure-run-flags.js';
import noInstallRecommends from './no-install-recommends.js';
import noLatestTag from './no-latest-tag.js';
import noLegacyKeyValue from './no-legacy-key-value.js';
import noMaintainer from './no-maintainer.js';
import noNonsensicalCommands from './no-nonsensical-commands.js';
import noOverriddenInstructions from './no-overridden-instructions.js';
import noPackageSignatureBypass from './no-package-signature-bypass.js';
import noPackageUpgrade from './no-package-upgrade.js';
import noPasswordSetInRun from './no-password-set-in-run.js';
import noPlainHttp from './no-plain-http.js';
import noPrivilegedPort from './no-privileged-port.js';
import noRedundantTargetPlatform from './no-redundant-target-platform.js';
import noReservedStageName from './no-reserved-stage-name.js';
import noSecretFileCopy from './no-secret-file-copy.js';
import noSecretsInArgEnv from './no-secrets-in-arg-env.js';
import noSensitiveVolume from './no-sensitive-volume.js';
import noSetuidSetgid from './no-setuid-setgid.js';
import noSshServer from './no-ssh-server.js';
import noStageIndexReference from './no-stage-index-reference.js';
import noSudo from './no-sudo.js';
import noSystemWorkdir from './no-system-workdir.js';
import noTlsVerifyBypass from './no-tls-verify-bypass.js';
import noUnknownLabels from './no-unknown-labels.js';
import noUntrustedPackageSources from './no-untrusted-package-sources.js';
import noUnverifiedAddUrl from './no-unverified-add-url.js';
import noVariablesInExecForm from './no-variables-in-exec-form.js';
import noVolumeThenModify from './no-volume-then-modify.js';
import noWorldWritable from './no-world-writable.js';
import nonInteractiveInstall from './non-interactive-install.js';
import nonRootUser from './non-root-user.js';
import numericUser from './numeric-user.js';
import openshiftArbitraryUid from './openshift-arbitrary-uid.js';
import parseError from './parse-error.js';
import pinnedGitClone from './pinned-git-clone.js';
import pinnedSyntaxDirective from './pinned-syntax-directive.js';
import pinnedVersions from './pinned-versions.js';
import preferAddForArchive from './prefer-add-for-archive.js';
import preferAptGet from './prefer-apt-get.js';
import preferCacheMounts from './prefer-cache-mounts.js';
import preferCopyChown from './prefer-copy-chown.js';
import preferCopyOverAdd from './prefer-copy-over-add.js';
import preferExecForm from './prefer-exec-form.js';
import relativeDestWithoutWorkdir from './relative-dest-without-workdir.js';
import requireHealthcheck from './require-healthcheck.js';
import requireImageDigest from './require-image-digest.js';
import requirePipefail from './require-pipefail.js';
import requiredInstructions from './required-instructions.js';
import requiredLabels from './required-labels.js';
import shellcheck from './shellcheck.js';
import singleDownloadTool from './single-download-tool.js';
import stageNameCasing from './stage-name-casing.js';
import trustedRegistries from './trusted-registries.js';
import undefinedVariable from './undefined-variable.js';
import uniqueStageNames from './unique-stage-names.js';
import unknownInstruction from './unknown-instruction.js';
import unusedSuppression from './unused-suppression.js';
import updateWithInstall from './update-with-install.js';
import useShellInstruction from './use-shell-instruction.js';
import useraddLargeUid from './useradd-large-uid.js';
import verifyDownloadIntegrity from './verify-download-integrity.js';
import wgetProgressBar from './wget-progress-bar.js';
import workdirWhitespace from './workdir-whitespace.js';

/** Every built-in rule, sorted by id. A test checks that each file in rules/ is listed. */
export const BUILTIN_RULES: readonly RuleDefinition[] = [
  absoluteWorkdir,
  allowedImages,
  apkVirtualBuildDeps,
  cleanPackageCache,
  copyDestNeedsSlash,
  copyFromUnknownStage,
  copyIgnoredFile,
  copySourceOutsideContext,
  curlWithoutFail,
  definitionDescription,
  eolBaseImage,
  exposeProtoCasing,
  featureNeedsNewerSyntax,
  firstInstructionFrom,
  frozenLockfileInstall,
  ineffectiveParserDirective,
  invalidDefaultArgInFrom,
  invalidExpose,
  invalidFlag,
  invalidHeredoc,
  invalidImageReference,
  invalidInstructionArguments,
  invalidJsonForm,
  invalidLabelKey,
  invalidLabelValue,
  invalidOnbuildTrigger,
  invalidParserDirective,
  invalidStageName,
  invalidStopsignal,
  invalidVariableSubstitution,
  ioError,
  keywordCasing,
  minimizeRunLayers,
  noAptKey,
  noBuildToolsInFinalStage,
  noBuiltinArgDefault,
  noCdInRun,
  noChownFlag,
  noCopyEntireContext,
  noCopyEntireStage,
  noCopyFromSelf,
  noCredentialSetupInRun,
  noCurlPipeShell,
  noDebianFrontendEnv,
  noDeleteInLaterLayer,
  noDistUpgrade,
  noDuplicateExpose,
  noEmptyContinuation,
  noEnvSelfReference,
  noExposeHostPort,
  noHardcodedPlatform,
  noHardcodedSecrets,
  noIgnoredFailures,
  noInlineSuppressions,
  noInsecureRunFlags,
  noInstallRecommends,
  noLatestTag,
  noLegacyKeyValue,
  noMaintainer,
  noNonsensicalCommands,
  noOverriddenInstructions,
  noPackageSignatureBypass,
  noPackageUpgrade,
  noPasswordSetInRun,
  noPlainHttp,
  noPrivilegedPort,
  noRedundantTargetPlatform,
  noReservedStageName,
  noSecretFileCopy,
  noSecretsInArgEnv,
  noSensitiveVolume,
  noSetuidSetgid,
  noSshServer,
  noStageIndexReference,
  noSudo,
  noSystemWorkdir,
  noTlsVerifyBypass,
  noUnknownLabels,
  noUntrustedPackageSources,
  noUnverifiedAddUrl,
  noVariablesInExecForm,
  noVolumeThenModify,
  noWorldWritable,
  nonInteractiveInstall,
  nonRootUser,
  numericUser,
  openshiftArbitraryUid,
  parseError,
  pinnedGitClone,
  pinnedSyntaxDirective,
  pinnedVersions,
  preferAddForArchive,
  preferAptGet,
  preferCacheMounts,
  preferCopyChown,
  preferCopyOverAdd,
  preferExecForm,
  relativeDestWithoutWorkdir,
  requireHealthcheck,
  requireImageDigest,
  requirePipefail,
  requiredInstructions,
  requiredLabels,
  shellcheck,
  singleDownloadTool,
  stageNameCasing,
  trustedRegistries,
  undefinedVariable,
  uniqueStageNames,
  unknownInstruction,
  unusedSuppression,
  updateWithInstall,
  useShellInstruction,
  useraddLargeUid,
  verifyDownloadIntegrity,
  wgetProgressBar,
  workdirWhitespace,
] as RuleDefinition[];
