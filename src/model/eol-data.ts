/**
 * The end-of-life table `eol-base-image` reads (RULES.md §2). Data, not code: for each image
 * family, the images it covers and, per release, the tag prefixes that name it and the date its
 * support ends.
 *
 * - `images`: globs on the normalised `registry/repository` (e.g. `docker.io/library/node`).
 * - `tags`: a tag names the release when it equals the prefix or continues it with `.`, `-`
 *   or `_` (`3.8` matches `3.8`, `3.8.10`, `3.8-slim`, not `3.80`).
 * - `variants`: `-`-separated tag segments that name the release inside another image's tag
 *   (`python:3.8-slim-bullseye` is also Debian 11; `node:18-alpine3.17` is also Alpine 3.17).
 * - `eol`: the last day the release gets security fixes in the image. For distributions with
 *   community long-term support that the official image keeps tracking (Debian LTS), that end
 *   is used; paid extended support (Ubuntu ESM, Debian ELTS) is not counted. Only dates that
 *   were published (or follow a fixed published policy) are listed: a release with no known
 *   date is left out rather than guessed.
 *
 * Update `EOL_DATA_AS_OF` whenever the table is reviewed.
 */

export const EOL_DATA_AS_OF = '2026-11-27';

export interface EolRelease {
  release: string;
  eol: string;
  tags: string[];
  variants?: string[];
}

export interface EolFamily {
  family: string;
  images: string[];
  releases: EolRelease[];
}

const HUB = (name: string): string => `docker.io/library/${name}`;

function simple(versions: [string, string][]): EolRelease[] {
  return versions.map(([release, eol]) => ({ release, eol, tags: [release] }));
}

export const EOL_TABLE: readonly EolFamily[] = [
  {
    family: 'Debian',
    images: [HUB('debian'), 'docker.io/*/debian', 'mcr.microsoft.com/*/debian'],
    releases: [
      { release: '6 (squeeze)', eol: '2016-02-29', tags: ['6', 'squeeze'], variants: ['squeeze'] },
      { release: '7 (wheezy)', eol: '2018-05-31', tags: ['7', 'wheezy'], variants: ['wheezy'] },
      { release: '8 (jessie)', eol: '2020-06-30', tags: ['8', 'jessie'], variants: ['jessie'] },
      { release: '9 (stretch)', eol: '2022-06-30', tags: ['9', 'stretch'], variants: ['stretch'] },
      { release: '10 (buster)', eol: '2024-06-30', tags: ['10', 'buster'], variants: ['buster'] },
      { release: '11 (bullseye)', eol: '2026-08-31', tags: ['11', 'bullseye'], variants: ['bullseye'] },
      { release: '12 (bookworm)', eol: '2028-06-30', tags: ['12', 'bookworm'], variants: ['bookworm'] },
      { release: '13 (trixie)', eol: '2030-06-30', tags: ['13', 'trixie'], variants: ['trixie'] },
    ],
  },
  {
    family: 'Ubuntu',
    images: [HUB('ubuntu')],
    releases: [
      { release: '12.04 (precise)', eol: '2017-04-28', tags: ['12.04', 'precise'], variants: ['precise'] },
      { release: '14.04 (trusty)', eol: '2019-04-30', tags: ['14.04', 'trusty'], variants: ['trusty'] },
      { release: '16.04 (xenial)', eol: '2021-04-30', tags: ['16.04', 'xenial'], variants: ['xenial'] },
      { release: '16.10 (yakkety)', eol: '2017-07-20', tags: ['16.10', 'yakkety'] },
      { release: '17.04 (zesty)', eol: '2018-01-13', tags: ['17.04', 'zesty'] },
      { release: '17.10 (artful)', eol: '2018-07-19', tags: ['17.10', 'artful'] },
      { release: '18.04 (bionic)', eol: '2023-05-31', tags: ['18.04', 'bionic'], variants: ['bionic'] },
      { release: '18.10 (cosmic)', eol: '2019-07-18', tags: ['18.10', 'cosmic'] },
      { release: '19.04 (disco)', eol: '2020-01-23', tags: ['19.04', 'disco'] },
      { release: '19.10 (eoan)', eol: '2020-07-17', tags: ['19.10', 'eoan'] },
      { release: '20.04 (focal)', eol: '2025-05-31', tags: ['20.04', 'focal'], variants: ['focal'] },
      { release: '20.10 (groovy)', eol: '2021-07-22', tags: ['20.10', 'groovy'] },
      { release: '21.04 (hirsute)', eol: '2022-01-20', tags: ['21.04', 'hirsute'] },
      { release: '21.10 (impish)', eol: '2022-07-14', tags: ['21.10', 'impish'] },
      { release: '22.04 (jammy)', eol: '2027-06-01', tags: ['22.04', 'jammy'], variants: ['jammy'] },
      { release: '22.10 (kinetic)', eol: '2023-07-20', tags: ['22.10', 'kinetic'] },
      { release: '23.04 (lunar)', eol: '2024-01-25', tags: ['23.04', 'lunar'] },
      { release: '23.10 (mantic)', eol: '2024-07-11', tags: ['23.10', 'mantic'] },
      { release: '24.04 (noble)', eol: '2029-05-31', tags: ['24.04', 'noble'], variants: ['noble'] },
      { release: '24.10 (oracular)', eol: '2025-07-10', tags: ['24.10', 'oracular'] },
    ],
  },
  {
    family: 'Alpine',
    images: [HUB('alpine')],
    releases: (
      [
        ['3.1', '2016-11-01'], ['3.2', '2017-05-01'], ['3.3', '2017-11-01'], ['3.4', '2018-05-01'], ['3.5', '2018-11-01'],
        ['3.6', '2019-05-01'], ['3.7', '2019-11-01'], ['3.8', '2020-05-01'], ['3.9', '2021-01-01'], ['3.10', '2021-05-01'],
        ['3.11', '2021-11-01'], ['3.12', '2022-05-01'], ['3.13', '2022-11-01'], ['3.14', '2023-05-01'], ['3.15', '2023-11-01'],
        ['3.16', '2024-05-23'], ['3.17', '2024-11-22'], ['3.18', '2025-05-09'], ['3.19', '2025-11-01'], ['3.20', '2026-04-01'],
        ['3.21', '2026-11-01'], ['3.22', '2027-05-01'], ['3.23', '2027-11-01'],
      ] as [string, string][]
    ).map(([release, eol]) => ({ release, eol, tags: [release], variants: [`alpine${release}`] })),
  },
  {
    family: 'CentOS',
    images: [HUB('centos'), 'quay.io/centos/centos'],
    releases: [
      { release: '6', eol: '2020-11-30', tags: ['6', 'centos6'], variants: ['centos6'] },
      { release: '7', eol: '2024-06-30', tags: ['7', 'centos7'], variants: ['centos7'] },
      { release: '8', eol: '2021-12-31', tags: ['8', 'centos8'], variants: ['centos8'] },
      { release: 'Stream 8', eol: '2024-05-31', tags: ['stream8'] },
      { release: 'Stream 9', eol: '2027-05-31', tags: ['stream9'] },
    ],
  },
  {
    family: 'Rocky Linux',
    images: [HUB('rockylinux'), 'docker.io/rockylinux/rockylinux', 'quay.io/rockylinux/rockylinux'],
    releases: simple([['8', '2029-05-31'], ['9', '2032-05-31']]),
  },
  {
    family: 'AlmaLinux',
    images: [HUB('almalinux'), 'docker.io/almalinux/*', 'quay.io/almalinuxorg/*'],
    releases: simple([['8', '2029-03-01'], ['9', '2032-05-31']]),
  },
  {
    family: 'Fedora',
    images: [HUB('fedora'), 'registry.fedoraproject.org/fedora', 'registry.fedoraproject.org/fedora-minimal', 'quay.io/fedora/fedora'],
    releases: simple([
      ['28', '2019-05-28'], ['29', '2019-11-26'], ['30', '2020-05-26'], ['31', '2020-11-24'], ['32', '2021-05-25'],
      ['33', '2021-11-30'], ['34', '2022-06-07'], ['35', '2022-12-13'], ['36', '2023-05-16'], ['37', '2023-12-05'],
      ['38', '2024-05-21'], ['39', '2024-11-26'], ['40', '2025-05-13'],
    ]),
  },
  {
    family: 'Amazon Linux',
    images: [HUB('amazonlinux'), 'public.ecr.aws/amazonlinux/amazonlinux'],
    releases: [
      { release: '1 (2018.03)', eol: '2023-12-31', tags: ['1', '2018.03'] },
      { release: '2', eol: '2026-06-30', tags: ['2'] },
      { release: '2023', eol: '2029-06-30', tags: ['2023'] },
    ],
  },
  {
    family: 'Red Hat UBI',
    images: ['registry.access.redhat.com/ubi7*', 'registry.redhat.io/ubi7*', 'registry.access.redhat.com/ubi7/*', 'registry.redhat.io/ubi7/*'],
    releases: [{ release: '7', eol: '2024-06-30', tags: [''] }],
  },
  {
    family: 'Red Hat UBI',
    images: ['registry.access.redhat.com/ubi8*', 'registry.redhat.io/ubi8*', 'registry.access.redhat.com/ubi8/*', 'registry.redhat.io/ubi8/*'],
    releases: [{ release: '8', eol: '2029-05-31', tags: [''], variants: ['ubi8'] }],
  },
  {
    family: 'Red Hat UBI',
    images: ['registry.access.redhat.com/ubi9*', 'registry.redhat.io/ubi9*', 'registry.access.redhat.com/ubi9/*', 'registry.redhat.io/ubi9/*'],
    releases: [{ release: '9', eol: '2032-05-31', tags: [''], variants: ['ubi9'] }],
  },
  {
    family: 'openSUSE Leap',
    images: ['docker.io/opensuse/leap', 'registry.opensuse.org/opensuse/leap'],
    releases: simple([
      ['42.3', '2019-07-01'], ['15.0', '2019-12-03'], ['15.1', '2021-01-31'], ['15.2', '2021-12-31'], ['15.3', '2022-12-31'],
      ['15.4', '2023-12-31'], ['15.5', '2024-12-31'], ['15.6', '2026-04-30'],
    ]),
  },
  {
    family: 'Node.js',
    images: [HUB('node'), 'docker.io/circleci/node', 'docker.io/cimg/node', 'mcr.microsoft.com/devcontainers/javascript-node'],
    releases: simple([
      ['4', '2018-04-30'], ['5', '2016-06-30'], ['6', '2019-04-30'], ['7', '2017-06-30'], ['8', '2019-12-31'],
      ['9', '2018-06-30'], ['10', '2021-04-30'], ['11', '2019-06-01'], ['12', '2022-04-30'], ['13', '2020-06-01'],
      ['14', '2023-04-30'], ['15', '2021-06-01'], ['16', '2023-09-11'], ['17', '2022-06-01'], ['18', '2025-04-30'],
      ['19', '2023-06-01'], ['20', '2026-04-30'], ['21', '2024-06-01'], ['22', '2027-04-30'], ['23', '2025-06-01'],
      ['24', '2028-04-30'], ['25', '2026-06-01'],
    ]),
  },
  {
    family: 'Python',
    images: [HUB('python'), HUB('pypy'), 'docker.io/circleci/python', 'docker.io/cimg/python', 'mcr.microsoft.com/devcontainers/python'],
    releases: simple([
      ['2.7', '2020-01-01'], ['3.3', '2017-09-29'], ['3.4', '2019-03-18'], ['3.5', '2020-09-13'], ['3.6', '2021-12-23'],
      ['3.7', '2023-06-27'], ['3.8', '2024-10-07'], ['3.9', '2025-10-31'], ['3.10', '2026-10-31'], ['3.11', '2027-10-31'],
      ['3.12', '2028-10-31'], ['3.13', '2029-10-31'], ['3.14', '2030-10-31'],
    ]),
  },
  {
    family: 'Ruby',
    images: [HUB('ruby'), 'docker.io/circleci/ruby', 'docker.io/cimg/ruby'],
    releases: simple([
      ['2.1', '2017-03-31'], ['2.2', '2018-03-31'], ['2.3', '2019-03-31'], ['2.4', '2020-03-31'], ['2.5', '2021-03-31'],
      ['2.6', '2022-04-12'], ['2.7', '2023-03-31'], ['3.0', '2024-04-23'], ['3.1', '2025-03-26'], ['3.2', '2026-03-31'],
      ['3.3', '2027-03-31'], ['3.4', '2028-03-31'],
    ]),
  },
  {
    family: 'Go',
    images: [HUB('golang'), 'docker.io/circleci/golang', 'docker.io/cimg/go'],
    releases: simple([
      ['1.9', '2018-08-24'], ['1.10', '2019-02-25'], ['1.11', '2019-09-03'], ['1.12', '2020-02-25'], ['1.13', '2020-08-11'],
      ['1.14', '2021-02-16'], ['1.15', '2021-08-16'], ['1.16', '2022-03-15'], ['1.17', '2022-08-02'], ['1.18', '2023-02-01'],
      ['1.19', '2023-08-08'], ['1.20', '2024-02-06'], ['1.21', '2024-08-13'], ['1.22', '2025-02-11'], ['1.23', '2025-08-12'],
      ['1.24', '2026-02-10'],
    ]),
  },
  {
    family: 'PHP',
    images: [HUB('php'), 'docker.io/circleci/php', 'docker.io/cimg/php'],
    releases: simple([
      ['5.5', '2016-07-21'], ['5.6', '2018-12-31'], ['7.0', '2019-01-10'], ['7.1', '2019-12-01'], ['7.2', '2020-11-30'],
      ['7.3', '2021-12-06'], ['7.4', '2022-11-28'], ['8.0', '2023-11-26'], ['8.1', '2025-12-31'], ['8.2', '2026-12-31'],
      ['8.3', '2027-12-31'], ['8.4', '2028-12-31'],
    ]),
  },
  {
    family: 'Eclipse Temurin',
    images: [HUB('eclipse-temurin'), 'docker.io/adoptopenjdk/*', HUB('adoptopenjdk')],
    releases: simple([
      ['8', '2030-12-31'], ['11', '2027-10-31'], ['16', '2021-09-14'], ['17', '2029-10-31'], ['18', '2022-09-20'],
      ['19', '2023-03-21'], ['20', '2023-09-19'], ['21', '2029-12-31'], ['22', '2024-09-17'], ['23', '2025-03-18'],
      ['24', '2025-09-16'],
    ]),
  },
  {
    // The official `openjdk` image is deprecated: its GA tags stopped receiving updates in July 2022.
    family: 'OpenJDK image',
    images: [HUB('openjdk')],
    releases: simple([
      ['6', '2022-07-31'], ['7', '2022-07-31'], ['8', '2022-07-31'], ['9', '2018-03-20'], ['10', '2018-09-25'],
      ['11', '2022-07-31'], ['12', '2019-09-17'], ['13', '2020-03-17'], ['14', '2020-09-15'], ['15', '2021-03-16'],
      ['16', '2021-09-14'], ['17', '2022-07-31'], ['18', '2022-09-20'],
    ]),
  },
  {
    family: 'Perl',
    images: [HUB('perl')],
    releases: simple([
      ['5.22', '2017-05-30'], ['5.24', '2018-06-22'], ['5.26', '2019-05-22'], ['5.28', '2020-06-20'], ['5.30', '2021-05-20'],
      ['5.32', '2022-05-28'], ['5.34', '2023-07-02'], ['5.36', '2024-06-09'], ['5.38', '2025-07-03'],
    ]),
  },
  {
    family: 'PostgreSQL',
    images: [HUB('postgres'), 'docker.io/postgis/postgis', 'docker.io/bitnami/postgresql'],
    releases: simple([
      ['9.4', '2020-02-13'], ['9.5', '2021-02-11'], ['9.6', '2021-11-11'], ['10', '2022-11-10'], ['11', '2023-11-09'],
      ['12', '2024-11-21'], ['13', '2025-11-13'], ['14', '2026-11-12'], ['15', '2027-11-11'], ['16', '2028-11-09'],
      ['17', '2029-11-08'],
    ]),
  },
  {
    family: 'MySQL',
    images: [HUB('mysql'), 'docker.io/mysql/mysql-server'],
    releases: simple([
      ['5.5', '2018-12-31'], ['5.6', '2021-02-28'], ['5.7', '2023-10-31'], ['8.0', '2026-04-30'], ['8.1', '2023-10-25'],
      ['8.2', '2024-01-16'], ['8.3', '2024-04-30'], ['8.4', '2032-04-30'],
    ]),
  },
  {
    family: 'MariaDB',
    images: [HUB('mariadb')],
    releases: simple([
      ['10.0', '2019-03-31'], ['10.1', '2020-10-17'], ['10.2', '2022-05-23'], ['10.3', '2023-05-25'], ['10.4', '2024-06-18'],
      ['10.5', '2025-06-24'], ['10.6', '2026-07-06'], ['10.11', '2028-02-16'], ['11.0', '2024-06-06'], ['11.1', '2024-08-21'],
      ['11.2', '2024-11-21'], ['11.3', '2024-05-29'], ['11.4', '2029-05-29'],
    ]),
  },
  {
    family: 'Redis',
    images: [HUB('redis')],
    releases: simple([['3', '2020-04-30'], ['4', '2020-04-30'], ['5', '2022-04-27'], ['6.0', '2023-08-15']]),
  },
  {
    family: 'nginx',
    images: [HUB('nginx')],
    releases: simple([
      ['1.10', '2017-04-12'], ['1.12', '2018-04-17'], ['1.14', '2019-04-23'], ['1.16', '2020-04-21'], ['1.18', '2021-05-25'],
      ['1.19', '2021-05-25'], ['1.20', '2022-05-24'], ['1.21', '2022-05-24'], ['1.22', '2023-04-11'], ['1.23', '2023-04-11'],
      ['1.24', '2024-04-23'], ['1.25', '2024-04-23'], ['1.26', '2025-04-23'], ['1.27', '2025-04-23'],
    ]),
  },
  {
    family: 'Apache httpd',
    images: [HUB('httpd')],
    releases: simple([['2.2', '2018-01-01']]),
  },
];
