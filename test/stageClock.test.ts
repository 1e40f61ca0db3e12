import { describe, expect, it } from 'vitest';
import { DigitizeError } from '../src/errors.js';
import { createStageClock } from '../src/stageClock.js';

describe('createStageClock', () => {
  it('returns what a stage returns and adds its time to the stage, decoding to decode', async () => {
    const clock = createStageClock('a.png');
    expect(await clock.run('plot', () => 42)).toBe(42);
    expect(await clock.run('load', async () => 'raster')).toBe('raster');
    const timings = clock.timings();
    expect(timings.plot).toBeGreaterThanOrEqual(0);
    expect(timings.decode).toBeGreaterThanOrEqual(0);
    expect(timings.total).toBeGreaterThanOrEqual(timings.plot + timings.decode);
  });

  it('reports an unexpected throw as INTERNAL at the stage that was running', async () => {
    const clock = createStageClock('a.png');
    const bug = new TypeError("Cannot read properties of undefined (reading 'px')");
    const error = await clock
      .run('separate', () => {
        throw bug;
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DigitizeError);
    expect(error).toMatchObject({
      code: 'INTERNAL',
      stage: 'separate',
      input: 'a.png',
      cause: bug,
      message:
        "unexpected failure in stage separate: Cannot read properties of undefined (reading 'px')",
    });
  });

  it('passes a DigitizeError through, with the input filled in', async () => {
    const clock = createStageClock('a.png');
    const refused = new DigitizeError('CALIBRATION_FAILED', 'calibrate', 'no x axis');
    await expect(clock.run('calibrate', () => Promise.reject(refused))).rejects.toMatchObject({
      code: 'CALIBRATION_FAILED',
      stage: 'calibrate',
      input: 'a.png',
    });
  });

  it('stops once the signal is aborted: the stage finishes, the next does not start', async () => {
    const controller = new AbortController();
    const clock = createStageClock(null, controller.signal);
    let ran = false;
    const first = clock.run('ocr', () => controller.abort(new Error('time is up')));
    await expect(first).rejects.toMatchObject({ code: 'ABORTED', stage: 'ocr' });
    await first.catch(() => undefined);
    await expect(
      clock.run('calibrate', () => {
        ran = true;
      }),
    ).rejects.toMatchObject({ code: 'ABORTED' });
    expect(ran).toBe(false);
  });
});
