/**
 * The page's CSS, inlined into the single HTML file. Verdict colours always come with a text
 * label and an icon (never colour alone); text on every background meets WCAG AA contrast.
 */
export const VERIFY_PAGE_CSS = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #4a5360; --line: #c9d1db; --focus: #1f5fbf; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #f6f8fa; }
main { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 1.25rem 0 .5rem; }
p { margin: .25rem 0 .75rem; }
.lead { color: var(--muted); }
fieldset { border: 1px solid var(--line); border-radius: 8px; background: #fff; margin: 0 0 1rem; padding: .75rem 1rem 1rem; }
legend { font-weight: 600; padding: 0 .35rem; }
label { display: block; font-weight: 600; margin: .6rem 0 .25rem; }
.hint { color: var(--muted); font-size: .92rem; }
textarea, input[type=text] { width: 100%; font: 14px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; padding: .5rem; border: 1px solid #8a96a5; border-radius: 6px; background: #fff; color: var(--ink); }
textarea:focus, input:focus, button:focus, summary:focus { outline: 3px solid var(--focus); outline-offset: 2px; }
.drop { border: 2px dashed #8a96a5; border-radius: 8px; padding: .5rem; }
.drop.over { border-color: var(--focus); background: #eef4fd; }
.field-error { color: #9b1c1c; font-weight: 600; margin: .35rem 0 0; }
button { font: inherit; font-weight: 600; padding: .6rem 1.6rem; border-radius: 6px; border: 0; background: #1f5fbf; color: #fff; cursor: pointer; }
button[disabled] { background: #6b7785; cursor: progress; }
.banner { display: flex; gap: .75rem; align-items: flex-start; border: 2px solid; border-left-width: 10px; border-radius: 8px; padding: .9rem 1rem; margin-top: 1.25rem; }
.banner .icon { font-size: 1.8rem; line-height: 1; font-weight: 700; }
.banner .title { font-size: 1.35rem; font-weight: 700; margin: 0; }
.banner p { margin: .25rem 0 0; }
.verdict-valid { background: #e7f5ec; border-color: #1a7f37; color: #0f4d22; }
.verdict-tampered, .verdict-revoked, .verdict-bad-signature, .verdict-key-revoked { background: #fdecec; border-color: #c62828; color: #7a1212; }
.verdict-expired, .verdict-not-anchored, .verdict-unsigned, .verdict-dns-not-confirmed { background: #fff5e0; border-color: #b26a00; color: #5c3700; }
.verdict-wrong-chain, .verdict-unreachable { background: #eef1f5; border-color: #4a5360; color: #1b1f24; }
.verdict-inconsistent { background: #f6ecfb; border-color: #6a1b9a; color: #3d0a5c; }
ul.disagreement { margin: .4rem 0 0; padding-left: 1.2rem; font: 14px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: .75rem 1rem; margin: 0; }
dt { font-weight: 600; color: var(--muted); }
dd { margin: 0; overflow-wrap: anywhere; }
.claims { font-weight: 600; color: #7a1212; }
details { margin-top: 1rem; }
ol.checks { padding-left: 1.4rem; font-size: .92rem; }
ol.checks li.fail { color: #7a1212; font-weight: 600; }
footer { margin-top: 2rem; color: var(--muted); font-size: .88rem; }
`;
