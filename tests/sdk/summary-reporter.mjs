// node:test reporter that prints one closing line: "sdk: N passed, N failed, N skipped".
// Counts tests, not suites; a suite whose hook failed counts its unrun tests as failed (node reports them cancelled).
export default async function* summary(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const failures = [];
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { data } = event;
    if (data.details?.type === 'suite') continue;
    if (event.type === 'test:pass') {
      if (data.skip || data.todo) skipped++;
      else passed++;
    } else {
      failed++;
      failures.push(`${(data.file ?? '').split(/[\\/]/).pop()}: ${data.name}`);
    }
  }
  if (failures.length > 0) yield `\nfailed tests:\n${failures.map((n) => `  - ${n}`).join('\n')}\n`;
  yield `sdk: ${passed} passed, ${failed} failed, ${skipped} skipped\n`;
}
