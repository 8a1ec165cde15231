// Loaded into a `delegate` process with `--import` (see cae.test.ts): moves the process's wall clock forward by
// DELEGATE_TEST_CLOCK_OFFSET_MS, as if the machine's time had moved on — so msal-node's own cache decisions
// (expiry, refresh_in) follow the emulator clock the test moves. Timers and the OS (TLS, files) are untouched.
const offset = Number(process.env.DELEGATE_TEST_CLOCK_OFFSET_MS ?? 0);
if (Number.isFinite(offset) && offset !== 0) {
  const RealDate = Date;
  const realNow = RealDate.now.bind(RealDate);
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(realNow() + offset);
      else super(...args);
    }
    static now() {
      return realNow() + offset;
    }
  }
  globalThis.Date = ShiftedDate;
}
