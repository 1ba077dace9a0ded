/**
 * Which operating system the browser runs on, for advice that differs per system (how a reader reaches the
 * browser). From User-Agent Client Hints where the browser has them, else the user agent string.
 */
export type ClientPlatform = 'windows' | 'linux' | 'macos' | 'chromeos' | 'android' | 'other';

interface NavigatorWithHints {
  readonly userAgent: string;
  readonly userAgentData?: { readonly platform?: string };
}

export function clientPlatform(nav: NavigatorWithHints = navigator): ClientPlatform {
  const hint = nav.userAgentData?.platform?.toLowerCase() ?? '';
  const agent = nav.userAgent.toLowerCase();
  const says = (word: string) => hint.includes(word) || agent.includes(word);
  if (says('android')) return 'android';
  if (says('cros') || says('chrome os') || says('chromeos')) return 'chromeos';
  if (says('windows')) return 'windows';
  if (says('mac')) return 'macos';
  if (says('linux')) return 'linux';
  return 'other';
}
