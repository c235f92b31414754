/**
 * The commented starter `.layerlint.yaml` written by `layerlint --init`. Every key is
 * documented; the active values are the defaults, so the file changes nothing until edited.
 * It must stay valid against CONFIG_SCHEMA (tested).
 */
export const STARTER_CONFIG = `# layerlint configuration — https://github.com/layerlint/layerlint
# Applies to build files in this directory and below (the nearest config file wins).

# Presets: recommended (the default), all (every rule except opt-in ones), and openshift
# (combinable, e.g. [recommended, openshift]).
extends: recommended

# Per-rule settings. Keys: a rule id (no-latest-tag), a peer code (DL3008, SC2086,
# UndefinedVar, DS-0001, CKV_DOCKER_7) or a namespaced reference (kics:9513a694, cis:4.1).
# Values: off | error | warning | info | style | [severity, { options }].
# A code-level setting beats a rule-level one: with "pinned-versions: off" and
# "DL3013: warning" only pip pinning is reported.
rules: {}
#  no-latest-tag: error
#  DL3008: off
#  minimize-run-layers: [info, { mode: all }]

# Globs of build files not to lint (relative to this file).
ignore: []
#  - vendor/**

# npm packages that export extra rules.
plugins: []

# Registries base images may come from; when non-empty, trusted-registries is switched on.
trustedRegistries: []
#  - docker.io
#  - ghcr.io

# Label schema: label -> type (text, url, rfc3339, spdx, hash, semver, email,
# regex:<pattern>) or { type, required }. strict: report labels not in the schema.
labels:
  schema: {}
  #  org.opencontainers.image.source: url
  #  org.opencontainers.image.licenses: { type: spdx, required: true }
  strict: false

# Exit with code 1 when a finding at or above this severity remains:
# error | warning | info | style | none.
failureThreshold: info

# Stages built as images (CLI --target); empty means the last stage.
targets: []

# Build arguments, as passed with --build-arg NAME=value.
buildArgs: {}
#  NODE_VERSION: "20"

# The build context directory (holds .dockerignore), relative to this file.
# Defaults to the directory of each Dockerfile.
# context: .

# Variables assumed to be defined by every base image.
knownVariables: []

# The date (YYYY-MM-DD) end-of-life checks compare against; defaults to today.
# today: "2025-01-01"

# Ignore inline "# layerlint ignore=" / "# hadolint ignore=" pragmas.
disableInlinePragmas: false
`;
