/**
 * RPC URLs often carry an API key (user info, query string, or a path segment such as Infura's
 * `/v3/<key>`). These two functions keep it out of everything shown: locations put in proofs,
 * error messages, logs.
 */

/**
 * A provider URL safe to show and to put in proofs: no user:password, query string or fragment,
 * and no path segment that looks like an API key (Infura `/v3/<key>`, Alchemy `/v2/<key>`,
 * QuickNode `/<token>/`, Ankr `/eth_sepolia/<key>`): the path stops before the first such segment.
 */
export function redactRpcUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return '(invalid URL)';
  }
  const kept: string[] = [];
  for (const segment of url.pathname.split('/').filter(Boolean)) {
    if (looksLikeSecret(decodeURIComponent(segment))) break;
    kept.push(segment);
  }
  return `${url.protocol}//${url.host}${kept.length ? `/${kept.join('/')}` : ''}`;
}

function looksLikeSecret(segment: string): boolean {
  if (segment.length >= 24) return true;
  return segment.length >= 12 && /\d/.test(segment) && /[a-z]/i.test(segment);
}

/**
 * A function that replaces, in any text, the raw URL by its redacted form and each of its secret
 * parts (user, password, query, key-like path segments) by `…`: for messages built from errors
 * that may quote the URL (an unparsable URL, a library's own error text).
 */
export function secretScrubber(rawUrl: string, safeUrl: string = redactRpcUrl(rawUrl)): (text: string) => string {
  const variants = new Set<string>([rawUrl]);
  try {
    const url = new URL(rawUrl);
    variants.add(url.href);
    if (url.password) variants.add(url.password);
    if (url.username) variants.add(url.username);
    if (url.search) variants.add(url.search);
    for (const segment of url.pathname.split('/')) if (segment.length >= 12 && !safeUrl.includes(segment)) variants.add(segment);
  } catch {
    // Not a URL: the raw string is all there is to hide.
  }
  const sorted = [...variants].filter(Boolean).sort((a, b) => b.length - a.length);
  return (text) => sorted.reduce((out, secret) => out.split(secret).join(secret === rawUrl ? safeUrl : '…'), text);
}
