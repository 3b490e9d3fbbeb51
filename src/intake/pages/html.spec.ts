import { html, jsonForScript, raw } from './html';

describe('html', () => {
  it('escapes every interpolation unless it is marked safe', () => {
    const evil = `"><script>alert('x')</script>`;
    expect(html`<p title="${evil}">${evil}</p>`.value).toBe(
      '<p title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</p>',
    );
    expect(html`<ul>${['a<', html`<li>${'b&'}</li>`]}</ul>${raw('<br>')}${null}${false}`.value).toBe('<ul>a&lt;<li>b&amp;</li></ul><br>');
    expect(jsonForScript({ s: '</script><b>' }).value).not.toContain('</script>');
  });
});
