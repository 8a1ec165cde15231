/**
 * "Check my setup" for the dev harness: what doctor finds on a managed laptop behind a TLS-inspecting proxy —
 * healthy (`doctor=ok`, the default: the corporate root is in the OS store, one warning) or broken
 * (`doctor=broken`: the root is missing, the keyring locked, the clock off).
 */
import type { DoctorFinding, DoctorReport } from '../../shared/models/doctor-report.js';

export function fakeDoctorReport(profile: string, scenario: string, now: Date): DoctorReport {
  const broken = scenario === 'broken';
  const proxy = 'http://alex:***@proxy.contoso.com:8080';
  const findings: DoctorFinding[] = [
    { id: 'versions', area: 'versions', status: 'pass', title: 'Versions', detail: 'Delegate 0.1.0, Node 22.20.0, Electron 45.1.0, Chromium 140.0.7339.80; network stack: chromium; linux x64.' },
    {
      id: 'sign-in',
      area: 'sign-in',
      status: 'warn',
      title: 'Sign-in flow last used',
      detail: 'alex.wilber@contoso.com signed in with a device code on 2026-11-28. Conditional Access tracks such sessions: where your organisation blocks device code sign-in, their refreshes are refused too (AADSTS530036).',
      action: 'Prefer the browser sign-in: `delegate login --profile work --browser` (in the app: Sign in with browser).',
    },
    broken
      ? {
          id: 'keychain',
          area: 'keychain',
          status: 'fail',
          code: 'keychain-locked',
          title: 'Keychain: write, read and delete a test entry',
          detail: 'The Secret Service keyring (GNOME Keyring or KWallet, default collection) is locked or not running (the Secret Service keyring is locked), so Delegate cannot read or store the sign-in of profile "work".',
          action: 'Unlock your keyring: unlock the screen or log in to the desktop again, or unlock the "Login" keyring in Passwords and Keys (Seahorse) or KWallet. Then run the check again. The sign-in itself is unchanged.',
        }
      : { id: 'keychain', area: 'keychain', status: 'pass', title: 'Keychain: write, read and delete a test entry', detail: 'The Secret Service keyring (GNOME Keyring or KWallet, default collection) stored, returned and deleted a unique test entry (service "Delegate") in 38 ms.' },
    { id: 'lock:scheduler', area: 'locks', status: 'pass', title: 'The scheduler lock', detail: 'Held by process 4242 on alex-laptop since 2026-12-03T07:58:12.000Z: the scheduler (the Delegate app or `delegate daemon`) runs.' },
    { id: 'lock:cache', area: 'locks', status: 'pass', title: 'The token cache lock of profile "work"', detail: 'Free (no lock file).' },
    { id: 'proxy:login', area: 'proxy', status: 'pass', title: 'Proxy for the sign-in host', detail: `login.microsoftonline.com goes through the proxy ${proxy} (from system, PAC; chromium network stack).` },
    { id: 'proxy:graph', area: 'proxy', status: 'pass', title: 'Proxy for Microsoft Graph', detail: `graph.microsoft.com goes through the proxy ${proxy} (from system, PAC; chromium network stack).` },
    { id: 'proxy:sharepoint', area: 'proxy', status: 'pass', title: "Proxy for the tenant's SharePoint", detail: 'contoso.sharepoint.com goes direct, no proxy (system, PAC DIRECT; chromium network stack).' },
    { id: 'proxy:download', area: 'proxy', status: 'pass', title: 'Proxy for OneDrive file downloads (*.1drv.com)', detail: `public.files.1drv.com (names vary per file; this one stands for them all, nothing is connected) goes through the proxy ${proxy} (from system, PAC; chromium network stack).` },
    { id: 'dns:login.microsoftonline.com', area: 'network', status: 'pass', title: "DNS for login.microsoftonline.com (the proxy's name)", detail: 'proxy.contoso.com → 10.20.0.15; the proxy resolves login.microsoftonline.com itself.' },
    { id: 'tcp:login.microsoftonline.com', area: 'network', status: 'pass', title: 'TCP to login.microsoftonline.com through the proxy', detail: 'Connected to the proxy proxy.contoso.com:8080 and it opened a tunnel to login.microsoftonline.com:443 (24 ms).' },
    broken
      ? {
          id: 'tls:login.microsoftonline.com',
          area: 'tls',
          status: 'fail',
          code: 'network',
          title: 'TLS to login.microsoftonline.com',
          detail: 'The certificate of login.microsoftonline.com is not trusted (UNABLE_TO_GET_ISSUER_CERT_LOCALLY): its chain ends at "CN=Contoso Inspection Root, O=Contoso", which neither the OS trust store, Node\'s CA list nor the profile\'s CA file holds. This looks like a TLS-inspecting proxy. Chain: CN=login.microsoftonline.com (until 2027-03-01) ← CN=Contoso Inspection CA 2 (until 2028-06-30).',
          action: 'Install your organisation\'s root certificate ("CN=Contoso Inspection Root, O=Contoso"; ask IT) in the OS trust store — Linux: copy it to /usr/local/share/ca-certificates/ and run `sudo update-ca-certificates`; macOS: add it to the System keychain and trust it; Windows: import it into Trusted Root Certification Authorities — or give it to this profile: `delegate profiles set work --ca-file ROOT.pem`.',
        }
      : {
          id: 'tls:login.microsoftonline.com',
          area: 'tls',
          status: 'pass',
          title: 'TLS to login.microsoftonline.com',
          detail: 'trusted through the OS trust store (root CN=Contoso Inspection Root, O=Contoso); TLSv1.3; chain: CN=login.microsoftonline.com (until 2027-03-01) ← CN=Contoso Inspection CA 2 (until 2028-06-30).',
        },
    { id: 'tcp:graph.microsoft.com', area: 'network', status: 'pass', title: 'TCP to graph.microsoft.com through the proxy', detail: 'Connected to the proxy proxy.contoso.com:8080 and it opened a tunnel to graph.microsoft.com:443 (19 ms).' },
    { id: 'tls:graph.microsoft.com', area: 'tls', status: 'pass', title: 'TLS to graph.microsoft.com', detail: 'trusted through the OS trust store (root CN=Contoso Inspection Root, O=Contoso); TLSv1.3; chain: CN=graph.microsoft.com (until 2027-02-11) ← CN=Contoso Inspection CA 2 (until 2028-06-30).' },
    broken
      ? {
          id: 'clock',
          area: 'clock',
          status: 'fail',
          code: 'auth-failed',
          title: 'Clock compared with login.microsoftonline.com',
          detail: "This computer's clock is 7 minutes behind the server. Entra ID refuses tokens with this much skew.",
          action: 'Set the clock automatically from the network (Linux: `timedatectl set-ntp true`; Windows/macOS: "Set time automatically" in the date and time settings), and check the time zone.',
        }
      : { id: 'clock', area: 'clock', status: 'pass', title: 'Clock compared with login.microsoftonline.com', detail: "This computer's clock is in step with the server (within a second or two)." },
    {
      id: 'scopes',
      area: 'scopes',
      status: 'pass',
      title: 'Scopes the current token carries',
      detail: "All 4 of the profile's scopes are granted; the token carries Files.ReadWrite.All Mail.Send Sites.Read.All User.Read.",
    },
  ];
  return { profile, ok: !findings.some((finding) => finding.status === 'fail'), transport: 'chromium', checkedAt: now.toISOString(), findings };
}
