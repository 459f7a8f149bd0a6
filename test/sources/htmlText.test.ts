import { describe, expect, it } from 'vitest';
import { fragmentToText, htmlToText } from '../../src/sources/htmlText.ts';

describe('HTML to text', () => {
  it('reduces a page to paragraphs and takes its title, entities decoded and scripts dropped', () => {
    const page = htmlToText(
      '<html><head><title>Big &amp; small</title><script>x()</script></head><body><nav>Home</nav><h1>Big &amp; small</h1><p>First &ldquo;para&rdquo;.</p><p>Second.<br>Third.</p><style>p{}</style></body></html>',
    );
    expect(page).toEqual({ title: 'Big & small', text: 'Big & small\n\nFirst “para”.\n\nSecond.\n\nThird.' });
  });

  it('reads each nested block once (a paragraph inside a list item is one paragraph)', () => {
    expect(fragmentToText('<ul><li><p>One</p></li><li>Two <b>bold</b></li></ul><div><div>Deep</div></div>')).toBe('One\n\nTwo bold\n\nDeep');
  });

  it('decodes text without tags and keeps its own paragraphs; a lone “<” stays text', () => {
    expect(fragmentToText('Q&amp;A: 3 &lt; 4 &#8211; ok\n\nand 1 < 2')).toBe('Q&A: 3 < 4 – ok\n\nand 1 < 2');
    expect(fragmentToText('plain text')).toBe('plain text');
  });
});
