/**
 * Token variable names: which environment variables may carry a token into a child, and which may not.
 *
 * A token written over PATH, LD_PRELOAD or NODE_OPTIONS does not fail politely: the program is not found, the
 * loader tries to load a library named like a JWT, Node refuses to start — and the token lands in an error
 * message or a shell's history. Written over IDENTITY_HEADER or a proxy variable it silently breaks the broker
 * or Delegate's network settings. So a token goes only into a variable that nothing else reads for another
 * purpose: these names (and prefixes) are refused, compared upper-case because Windows names are case-insensitive.
 */
import { CREDENTIAL_VARIABLES } from './credential-variables.js';

/** Variables the system, a shell, a dynamic loader or an interpreter reads to decide what runs and how. */
const SYSTEM_VARIABLES = [
  'PATH', 'PATHEXT', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'TERM', 'TMPDIR', 'TEMP', 'TMP', 'LANG', 'IFS', 'ENV', 'BASH_ENV', 'CDPATH',
  'PWD', 'OLDPWD', 'SHELLOPTS', 'PS4', 'PROMPT_COMMAND', 'USERPROFILE', 'APPDATA', 'LOCALAPPDATA', 'SYSTEMROOT', 'WINDIR', 'COMSPEC',
  'NODE_OPTIONS', 'NODE_PATH', 'NODE_EXTRA_CA_CERTS', 'NODE_TLS_REJECT_UNAUTHORIZED', 'PERL5OPT', 'PERL5LIB', 'PERLLIB', 'RUBYOPT', 'RUBYLIB',
  'JAVA_TOOL_OPTIONS', '_JAVA_OPTIONS', 'JDK_JAVA_OPTIONS', 'CLASSPATH', 'DOTNET_STARTUP_HOOKS', 'GIT_SSH_COMMAND', 'EDITOR', 'VISUAL', 'PAGER',
  'HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'NO_PROXY', 'REQUESTS_CA_BUNDLE', 'SSL_CERT_FILE', 'SSL_CERT_DIR', 'CURL_CA_BUNDLE',
];
/** Whole families: the dynamic loaders' (LD_PRELOAD, DYLD_INSERT_LIBRARIES), Python's, Delegate's own, .NET's profilers. */
const SYSTEM_PREFIXES = ['LD_', 'DYLD_', 'PYTHON', 'DELEGATE_', 'CORECLR_', 'COR_', 'XDG_'];

const REFUSED = new Set<string>([...SYSTEM_VARIABLES, ...CREDENTIAL_VARIABLES]);

/** Why a token may not go into `name`, or null when it may. */
export function tokenEnvRefusal(name: string): string | null {
  // Checked before upper-casing, which turns some letters into ASCII ones ('ß' into 'SS').
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return 'it is not an environment variable name (letters, digits and _, not starting with a digit)';
  const upper = name.toUpperCase();
  if (CREDENTIAL_VARIABLES.some((variable) => variable === upper)) return 'Azure SDKs read it to choose a credential (Delegate sets the broker\'s own)';
  if (REFUSED.has(upper) || SYSTEM_PREFIXES.some((prefix) => upper.startsWith(prefix))) return 'the system or the program\'s interpreter reads it for another purpose';
  return null;
}
