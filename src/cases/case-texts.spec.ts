import { COMMAND_DONE_TEXT, illegalTransitionText } from './case-texts';
import { CASE_STATUSES } from './case-transitions';

describe('case texts', () => {
  it.each([
    ['verify', 'verified'],
    ['reopen', 'reopened'],
    ['transfer', 'transferred'],
    ['assign', 'assigned'],
    ['acknowledge', 'acknowledged'],
    ['close', 'closed'],
  ])('a refused %s reads "cannot be %s"', (command, participle) => {
    const text = illegalTransitionText('closed', command, ['reopen']);
    expect(text.en).toBe(`A case that is closed cannot be ${participle}; allowed: reopen.`);
    expect(text.vi).toBe(`Hồ sơ đã đóng không thể ${COMMAND_DONE_TEXT[command].vi}; được phép: reopen.`);
  });

  it('never glues a "d" to a verb (verifyd, reopend...) for any status and command', () => {
    for (const status of CASE_STATUSES) {
      for (const command of Object.keys(COMMAND_DONE_TEXT)) {
        expect(illegalTransitionText(status, command, []).en).not.toMatch(/\b(verifyd|reopend|transferd|assignd|actiond|claimd|linkd|closedd|acknowledgedd|releasedd)\b/);
      }
    }
  });
});
