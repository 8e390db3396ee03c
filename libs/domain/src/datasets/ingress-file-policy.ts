/**
 * File types that never enter a secure environment: executables and installers, which have no place in research
 * data and are the usual way malware travels.
 */
export const INGRESS_DENIED_EXTENSIONS: readonly string[] = ['exe', 'dll', 'msi', 'bat', 'cmd', 'com', 'scr', 'ps1', 'vbs', 'jar', 'apk', 'app', 'dmg', 'pif', 'cpl', 'hta'];

/** The lower-case extension of a path, or '' when it has none. */
export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

export const isDeniedForIngress = (path: string) => INGRESS_DENIED_EXTENSIONS.includes(extensionOf(path));
