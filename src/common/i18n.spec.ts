import { langOfHeader } from './i18n';

describe('langOfHeader', () => {
  it.each<[string | undefined, 'vi' | 'en']>([
    [undefined, 'vi'],
    ['', 'vi'],
    ['fr-FR, de;q=0.8', 'vi'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['vi-VN,vi;q=0.9,en;q=0.8', 'vi'],
    ['en;q=0.5, vi;q=0.9', 'vi'],
    ['fr, en;q=0.3', 'en'],
    ['*', 'vi'],
  ])('%s -> %s', (header, lang) => {
    expect(langOfHeader(header)).toBe(lang);
  });
});
