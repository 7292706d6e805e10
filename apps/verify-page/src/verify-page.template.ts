/**
 * The page's markup. One file, no external loads: the CSS and the bundled script are inlined and
 * allowed by their hashes in the Content-Security-Policy; the chain settings travel in a JSON
 * data block (`#stackledger-config`, not executed) that the API fills in when it serves the page.
 */
export const CONFIG_ELEMENT_ID = 'stackledger-config';

/** The data block as built: empty settings (the static file asks the employer for them). */
export const EMPTY_CONFIG_BLOCK = `<script type="application/json" id="${CONFIG_ELEMENT_ID}">{}</script>`;

export interface PageParts {
  readonly script: string;
  readonly style: string;
  /** The policy also set as an HTTP header when served (meta cannot carry frame-ancestors). */
  readonly csp: string;
}

const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

export function verifyPageHtml({ script, style, csp }: PageParts): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="referrer" content="no-referrer">
<title>Verify a StackLedger credential</title>
<style>${style}</style>
</head>
<body>
<main>
<header>
<h1>Verify a StackLedger credential</h1>
<p class="lead">Check a credential a learner gave you against the public chain alone. This page works in your
browser: it reads the chain through the RPC URLs below and never contacts the StackLedger service or the issuer.</p>
</header>
<form id="verify-form" novalidate>
<fieldset>
<legend>1. The credential</legend>
<p class="hint" id="bundle-hint">Paste the proof bundle (<code>stackledger-proof/2</code> for a credential its issuer signed,
or <code>/1</code>) or the Open Badges 3.0 credential (JSON), drop the file onto the box, or choose it.</p>
<div class="drop" id="drop-zone">
<label for="bundle">Proof bundle or Open Badge (JSON)</label>
<textarea id="bundle" rows="9" spellcheck="false" autocomplete="off" aria-describedby="bundle-hint bundle-error"></textarea>
</div>
<label for="bundle-file">Or choose a file</label>
<input type="file" id="bundle-file" accept=".json,application/json,application/ld+json">
<p class="field-error" id="bundle-error" role="alert" hidden></p>
</fieldset>
<fieldset>
<legend>2. The chain you trust</legend>
<p class="hint" id="chain-hint">Enter the chain's JSON-RPC URL and the anchor contract address that the ledger operator
publishes. Take the address from the operator, never from the credential.</p>
<p class="hint" id="rpc-hint">Give two or more URLs from different providers: every fact is then read from each at one block
and must agree, so no single RPC can decide the result.</p>
<label for="rpc">JSON-RPC URLs (one per line)</label>
<textarea id="rpc" rows="2" spellcheck="false" autocomplete="off" placeholder="https://rpc.example.org" aria-describedby="chain-hint rpc-hint rpc-error"></textarea>
<p class="field-error" id="rpc-error" role="alert" hidden></p>
<label for="contract">Trusted anchor contract address</label>
<input type="text" id="contract" spellcheck="false" autocomplete="off" placeholder="0x…" aria-describedby="chain-hint contract-error">
<p class="field-error" id="contract-error" role="alert" hidden></p>
<label for="chain-id">Chain id (optional, e.g. 1 for Ethereum)</label>
<p class="hint" id="chain-id-hint">When given, the credential must be anchored on this chain and every RPC must serve it.</p>
<input type="text" id="chain-id" inputmode="numeric" spellcheck="false" autocomplete="off" aria-describedby="chain-id-hint chain-id-error">
<p class="field-error" id="chain-id-error" role="alert" hidden></p>
</fieldset>
<fieldset>
<legend>3. The issuer's domain (optional)</legend>
<p class="hint" id="doh-hint">To confirm that the issuer's internet domain lists the key that signed the credential, give a
DNS-over-HTTPS JSON endpoint (for example https://cloudflare-dns.com/dns-query or https://dns.google/resolve). Leave it
empty and DNS is not checked.</p>
<label for="doh">DNS-over-HTTPS JSON endpoint</label>
<input type="text" id="doh" spellcheck="false" autocomplete="off" placeholder="https://cloudflare-dns.com/dns-query" aria-describedby="doh-hint doh-error">
<p class="field-error" id="doh-error" role="alert" hidden></p>
</fieldset>
<button type="submit" id="verify-button">Verify</button>
</form>
<section id="result" aria-live="polite" aria-atomic="true" hidden>
<div id="verdict" class="banner" role="status">
<span class="icon" id="verdict-icon" aria-hidden="true"></span>
<div><p class="title" id="verdict-title"></p><p id="verdict-reason"></p>
<ul id="disagreement" class="disagreement" hidden></ul></div>
</div>
<h2>The credential</h2>
<p id="facts-note" class="hint"></p>
<dl id="facts"></dl>
<details><summary>Checks performed</summary><ol class="checks" id="checks"></ol></details>
</section>
<footer>
<p>How it works: the credential's ledger event is hashed, its Merkle path folded to the batch root, and the trusted
contract is asked whether it holds that root and whether the credential was revoked. For a signed credential, the
issuer's signature is checked, then the anchored registration of the key that made it, and whether that key was
revoked on chain before the credential was anchored.</p>
</footer>
</main>
${EMPTY_CONFIG_BLOCK}
<script>${script}</script>
</body>
</html>
`;
}
