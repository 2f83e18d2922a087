/** What the image's operating system is, and the OSV ecosystem its packages are matched in. */
export interface OsInfo {
  /** os-release ID (`debian`, `ubuntu`, `alpine`, `rhel`, `almalinux`, `rocky`, `amzn`, `wolfi`…). */
  id: string;
  /** Release as the distribution numbers it (`12.15`, `22.04`, `3.18.0`, `9.4`); empty for rolling ones. */
  version: string;
  /** Human name (`Debian GNU/Linux 12 (bookworm)`). */
  pretty: string;
  /** OSV ecosystem for this release (`Debian:12`), or undefined when OSV has no advisories for it. */
  ecosystem?: string;
  /** Package manager whose database to read. */
  packageManager: 'dpkg' | 'apk' | 'rpm';
  /** Google distroless style: dpkg `status.d/`, `PRETTY_NAME="Distroless"`. */
  distroless?: boolean;
  /** The file the answer came from. */
  source: string;
}

/** The release files looked at, most authoritative first. */
export const OS_FILES = [
  'etc/os-release',
  'usr/lib/os-release',
  'etc/lsb-release',
  'etc/alpine-release',
  'etc/debian_version',
  'etc/redhat-release',
  'etc/centos-release',
  'etc/system-release',
] as const;

/** Parse a shell-style KEY=value file (os-release, lsb-release); quotes and escapes removed. */
export function parseKeyValue(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    let value = line.slice(eq + 1).trim();
    const q = value[0];
    if ((q === '"' || q === "'") && value.endsWith(q) && value.length >= 2) value = value.slice(1, -1);
    out[key] = value.replace(/\\(["'$`\\])/g, '$1');
  }
  return out;
}

const major = (v: string) => /^\d+/.exec(v)?.[0] ?? '';
const majorMinor = (v: string) => /^\d+\.\d+/.exec(v)?.[0] ?? v;

/** The OSV ecosystem string OSV files an OS release's advisories under. */
export function osvEcosystem(id: string, version: string, versionText = ''): string | undefined {
  switch (id) {
    case 'debian':
      return major(version) ? `Debian:${major(version)}` : 'Debian';
    case 'ubuntu':
      return `Ubuntu:${majorMinor(version)}${/LTS/.test(versionText) ? ':LTS' : ''}`;
    case 'alpine':
      return /^\d+\.\d+/.test(version) ? `Alpine:v${majorMinor(version)}` : 'Alpine';
    case 'almalinux':
      return `AlmaLinux:${major(version)}`;
    case 'rocky':
      return `Rocky Linux:${major(version)}`;
    case 'rhel':
      // Red Hat files advisories per product stream (`Red Hat:enterprise_linux:9::baseos`); the
      // bare name lets the matcher accept any stream.
      return 'Red Hat';
    case 'wolfi':
      return 'Wolfi';
    case 'chainguard':
      return 'Chainguard';
    case 'minimos':
      return 'MinimOS';
    case 'mariner':
    case 'azurelinux':
      return `Azure Linux:${major(version)}`;
    case 'photon':
      return `Photon OS:${version}`;
    case 'opensuse-leap':
      return `openSUSE:Leap ${version}`;
    default:
      // Amazon Linux, CentOS, Oracle Linux, Fedora…: OSV carries no advisories for them yet.
      return undefined;
  }
}

function packageManagerFor(id: string, like: string): OsInfo['packageManager'] {
  const ids = `${id} ${like}`;
  if (/\b(alpine|wolfi|chainguard|minimos)\b/.test(ids)) return 'apk';
  if (/\b(debian|ubuntu)\b/.test(ids)) return 'dpkg';
  return 'rpm';
}

const RELEASE_LINE: [RegExp, string][] = [
  [/^AlmaLinux release (\S+)/, 'almalinux'],
  [/^Rocky Linux release (\S+)/, 'rocky'],
  [/^Red Hat Enterprise Linux.* release (\S+)/, 'rhel'],
  [/^CentOS.* release (\S+)/, 'centos'],
  [/^Amazon Linux.* release (\S+)/, 'amzn'],
  [/^Fedora release (\S+)/, 'fedora'],
  [/^Oracle Linux.* release (\S+)/, 'ol'],
];

/**
 * Work out the OS from its release files. `read` returns a file's text from the merged image
 * tree (symlinks already followed) or undefined.
 */
export function detectOs(read: (path: string) => string | undefined): OsInfo | undefined {
  const osRelease = read('etc/os-release') ?? read('usr/lib/os-release');
  const osPath = read('etc/os-release') !== undefined ? 'etc/os-release' : 'usr/lib/os-release';
  if (osRelease !== undefined) {
    const kv = parseKeyValue(osRelease);
    let id = (kv.ID ?? '').toLowerCase();
    const like = (kv.ID_LIKE ?? '').toLowerCase();
    let version = kv.VERSION_ID ?? '';
    const distroless = /distroless/i.test(kv.PRETTY_NAME ?? '');
    // Distroless and Debian testing leave VERSION_ID out; debian_version has the point release.
    if (id === 'debian' || (!id && distroless)) {
      id = 'debian';
      const debianVersion = read('etc/debian_version')?.trim();
      if (debianVersion && /^\d/.test(debianVersion) && (!version || debianVersion.startsWith(version)))
        version = debianVersion;
    }
    if (id === 'alpine') version = read('etc/alpine-release')?.trim() || version;
    if (id) {
      return {
        id,
        version,
        pretty: kv.PRETTY_NAME ?? `${kv.NAME ?? id} ${version}`.trim(),
        ecosystem: osvEcosystem(id, version, kv.VERSION ?? kv.PRETTY_NAME ?? ''),
        packageManager: packageManagerFor(id, like),
        distroless: distroless || undefined,
        source: osPath,
      };
    }
  }
  const lsb = read('etc/lsb-release');
  if (lsb !== undefined) {
    const kv = parseKeyValue(lsb);
    const id = (kv.DISTRIB_ID ?? '').toLowerCase();
    if (id) {
      const version = kv.DISTRIB_RELEASE ?? '';
      const pretty = kv.DISTRIB_DESCRIPTION ?? `${id} ${version}`;
      return {
        id,
        version,
        pretty,
        ecosystem: osvEcosystem(id, version, pretty),
        packageManager: packageManagerFor(id, ''),
        source: 'etc/lsb-release',
      };
    }
  }
  const alpine = read('etc/alpine-release')?.trim();
  if (alpine)
    return {
      id: 'alpine',
      version: alpine,
      pretty: `Alpine Linux v${alpine}`,
      ecosystem: osvEcosystem('alpine', alpine),
      packageManager: 'apk',
      source: 'etc/alpine-release',
    };
  const debian = read('etc/debian_version')?.trim();
  if (debian) {
    const version = /^\d/.test(debian) ? debian : '';
    return {
      id: 'debian',
      version,
      pretty: `Debian ${debian}`,
      ecosystem: osvEcosystem('debian', version),
      packageManager: 'dpkg',
      source: 'etc/debian_version',
    };
  }
  for (const file of ['etc/redhat-release', 'etc/centos-release', 'etc/system-release']) {
    const line = read(file)?.trim();
    if (!line) continue;
    for (const [pattern, id] of RELEASE_LINE) {
      const m = pattern.exec(line);
      if (m?.[1])
        return {
          id,
          version: m[1],
          pretty: line,
          ecosystem: osvEcosystem(id, m[1]),
          packageManager: 'rpm',
          source: file,
        };
    }
  }
  return undefined;
}
