import { DomainError, ValidationFailed } from '../../common/errors/domain-error';
import { CreateStaffDto } from '../../staff/dto/create-staff.dto';
import { AddCoverageDto } from '../../units/dto/add-coverage.dto';
import { checked, checkWith, errorFor, formProblems, isFormError, list, optional, refill, text } from './form-input';

describe('form input', () => {
  it('reads one trimmed string per field, whatever was posted', () => {
    const body = { a: '  x ', b: ['first', 'second'], c: 5, d: { nested: true }, e: '' };
    expect(text(body, 'a')).toBe('x');
    expect(text(body, 'b')).toBe('');
    expect(text(body, 'c')).toBe('');
    expect(text(body, 'd')).toBe('');
    expect(text(body, 'missing')).toBe('');
    expect(text(undefined, 'a')).toBe('');
    expect(optional(body, 'e')).toBeUndefined();
    expect(optional(body, 'a')).toBe('x');
  });

  it('reads checkboxes and lists', () => {
    expect(checked({ x: 'true' }, 'x')).toBe(true);
    expect(checked({ x: 'on' }, 'x')).toBe(true);
    expect(checked({ x: 'false' }, 'x')).toBe(false);
    expect(checked({}, 'x')).toBe(false);
    expect(list(' acknowledged, closed  transferred,,')).toEqual(['acknowledged', 'closed', 'transferred']);
    expect(list('')).toEqual([]);
  });

  it('refills only the named fields (never _csrf or a secret)', () => {
    expect(refill({ username: 'a', _csrf: 'tok', signingSecret: 's' }, ['username', 'role'])).toEqual({ username: 'a', role: '' });
  });

  it('checks a form with the API DTO, so both refuse the same input', async () => {
    expect(await checkWith(CreateStaffDto, { username: 'ok.user', role: 'officer', unitCode: 'PC04-24' })).toEqual([]);
    const problems = await checkWith(CreateStaffDto, { username: 'ok.user', role: 'emperor' });
    expect(problems.map((p) => [p.field, p.reason])).toEqual([['role', 'isIn']]);
    const coverage = await checkWith(AddCoverageDto, { localityCode: 'x1', validFrom: '2025-13' });
    expect(coverage.map((p) => p.field).sort()).toEqual(['localityCode', 'validFrom']);
  });

  it('puts a problem on its field, in the page language, and unknown fields in the summary only', () => {
    const e = new ValidationFailed([
      { field: 'username', reason: 'taken', message: 'The username is taken.' },
      { field: 'somethingElse', reason: 'weird', message: 'Something odd.' },
    ]);
    const vi = formProblems(e, 'vi', ['username']);
    expect(vi).toEqual([
      { field: 'username', message: 'Tên đăng nhập này đã có người dùng.' },
      { field: '', message: 'Yêu cầu không hợp lệ. (Something odd.)' },
    ]);
    expect(formProblems(e, 'en', ['username'])[1].message).toBe('Something odd.');
    expect(errorFor(vi, 'username')).toBe('Tên đăng nhập này đã có người dùng.');
    expect(errorFor(vi, 'role')).toBeUndefined();
  });

  it('places a domain error that names its field in details, renaming fields the form calls otherwise', () => {
    const e = new DomainError('unknown_reference', 'Unit X does not exist.', { field: 'target.unitCode' });
    expect(formProblems(e, 'en', ['targetUnitCode'], { 'target.unitCode': 'targetUnitCode' })).toEqual([{ field: 'targetUnitCode', message: 'Unit X does not exist.' }]);
    const anon = new DomainError('conflict', 'A channel client named x exists.');
    expect(formProblems(anon, 'en', ['name'], { '': 'name' })).toEqual([{ field: 'name', message: 'A channel client named x exists.' }]);
    expect(formProblems(anon, 'vi', ['name'], { '': 'name' })[0].message).toMatch(/^Yêu cầu xung đột/);
  });

  it('treats input errors as form errors and everything else as an error page', () => {
    expect(isFormError(new ValidationFailed([]))).toBe(true);
    expect(isFormError(new DomainError('overlapping_period', 'x'))).toBe(true);
    expect(isFormError(new DomainError('not_found', 'x'))).toBe(false);
    expect(isFormError(new DomainError('self_change_forbidden', 'x'))).toBe(false);
    expect(isFormError(new Error('x'))).toBe(false);
  });
});
