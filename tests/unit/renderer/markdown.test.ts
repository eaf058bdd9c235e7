// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { attachmentIdsIn, attachmentMarkdown, renderArticleMarkdown, sanitizeArticleHtml, withoutAttachment } from '../../../renderer/src/lib/markdown';

/** The rendered HTML parsed again, as the console's v-html would hold it. */
function dom(markdown: string): HTMLElement {
  return parsed(renderArticleMarkdown(markdown));
}

function parsed(html: string): HTMLElement {
  const holder = document.createElement('div');
  holder.innerHTML = html;
  return holder;
}

const TAGS_NEVER = ['script', 'style', 'iframe', 'frame', 'object', 'embed', 'form', 'input', 'svg', 'math', 'link', 'meta', 'base'];

/** Everything that could run script or fetch something once the HTML is in the page. */
function dangers(root: HTMLElement): string[] {
  const found: string[] = [];
  for (const element of root.querySelectorAll('*')) {
    const tag = element.tagName.toLowerCase();
    if (TAGS_NEVER.includes(tag)) found.push(`<${tag}>`);
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on')) found.push(`${tag}[${name}]`);
      if (['style', 'src', 'srcset', 'action', 'formaction', 'xlink:href', 'background', 'poster'].includes(name)) found.push(`${tag}[${name}]`);
      if (name === 'href' && !/^(?:https?:|mailto:)/i.test(attribute.value)) found.push(`${tag}[href=${attribute.value}]`);
    }
  }
  return found;
}

const PAYLOADS: Array<[label: string, markdown: string]> = [
  ['a script tag', '<script>window.pwned = 1</script>'],
  ['an image with onerror', '<img src=x onerror="window.pwned = 1">'],
  ['an svg with onload', '<svg onload="window.pwned = 1"><circle r="1" /></svg>'],
  ['an iframe', '<iframe src="javascript:alert(1)"></iframe>'],
  ['a style block', '<style>body { display: none }</style>'],
  ['a form', '<form action="https://evil.example"><button>Go</button></form>'],
  ['math with a link', '<math><mtext><a href="javascript:alert(1)">x</a></mtext></math>'],
  ['a javascript: link', '[click](javascript:alert(1))'],
  ['a mixed-case javascript: link', '[x](JaVaScRiPt:alert(1))'],
  ['a javascript: link with an entity', '[x](&#106;avascript:alert(1))'],
  ['a javascript: link with a hex entity', '[x](&#x6A;avascript&#x3A;alert(1))'],
  ['a javascript: link with a tab', '[x](java\tscript:alert(1))'],
  ['a javascript: link with an encoded colon', '[x](javascript&colon;alert(1))'],
  ['a javascript: link with leading blanks', '[x]( \u0001javascript:alert(1))'],
  ['a vbscript: link', '[x](vbscript:msgbox(1))'],
  ['a data:text/html link', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
  ['a file: link', '[x](file:///etc/passwd)'],
  ['a javascript: autolink', '<javascript:alert(1)>'],
  ['a reference link to javascript:', '[x][evil]\n\n[evil]: javascript:alert(1)'],
  ['a nested markdown link', '[[inner](javascript:alert(1))](https://example.org)'],
  ['a link around an image', '[![a](javascript:alert(1))](javascript:alert(2))'],
  ['an image from the web', '![tracker](https://evil.example/pixel.png)'],
  ['an image with a javascript: source', '![x](javascript:alert(1))'],
  ['an image with a data: source', '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)'],
  ['an attachment source with more after the id', '![x](attachment:12" onerror="alert(1))'],
  ['an attachment source that is not a number', '![x](attachment:abc)'],
  ['a title that tries to close the attribute', '[x](https://example.org "a\\" onmouseover=\\"alert(1)")'],
  ['an inline event handler in a code span', '`<img src=x onerror=alert(1)>`'],
  ['a fenced block of HTML', '```html\n<script>alert(1)</script>\n```'],
  ['an HTML comment trick', '<!--><script>alert(1)</script>-->'],
  ['a noscript trick', '<noscript><p title="</noscript><img src=x onerror=alert(1)>">'],
  ['a template', '<template><script>alert(1)</script></template>'],
  ['an entity-encoded tag', '&lt;script&gt;alert(1)&lt;/script&gt;'],
  ['a linkified javascript: text', 'see javascript:alert(1) now'],
  ['a table with a style attribute', '| a |\n|--:|\n| <b style="x">1</b> |'],
];

/** HTML that markdown-it (HTML off) never makes, for the sanitizer on its own. */
const RAW_HTML: Array<[label: string, html: string]> = [
  ['a link to javascript: in HTML', '<a href="javascript:alert(1)">x</a>'],
  ['a link to javascript: with blanks and entities', '<a href=" &#x6A;ava&#x09;script:alert(1)">x</a>'],
  ['a link to data:text/html in HTML', '<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a>'],
  ['a relative link', '<a href="/api/session/signout">x</a>'],
  ['an element with onclick', '<p onclick="alert(1)">x</p>'],
  ['an attachment image that also has a source', '<img data-attachment-id="1" src="https://evil.example/p.png" onerror="alert(1)">'],
  ['an attachment image with a made-up id', '<img data-attachment-id="1 onerror=alert(1)" alt="a">'],
  ['an svg link', '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>'],
  ['an object', '<object data="javascript:alert(1)"></object>'],
  ['an embed', '<embed src="javascript:alert(1)">'],
  ['a meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
  ['a base tag', '<base href="javascript:alert(1)//">'],
  ['a button with formaction', '<button formaction="javascript:alert(1)">x</button>'],
  ['a style attribute', '<p style="background:url(javascript:alert(1))">x</p>'],
  ['a video poster', '<video poster="javascript:alert(1)"></video>'],
  ['a table background', '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>'],
  ['an mXSS namespace trick', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>'],
  ['a details ontoggle', '<details open ontoggle="alert(1)">x</details>'],
];

describe('renderArticleMarkdown refuses script', () => {
  it.each(PAYLOADS)('%s: nothing that could run or fetch survives', (_label, markdown) => {
    const root = dom(markdown);
    expect(dangers(root)).toEqual([]);
  });

  // The sanitizer alone, as if markdown-it had let the payload through as HTML.
  it.each([...PAYLOADS, ...RAW_HTML])('%s, as HTML given to the sanitizer: nothing that could run or fetch survives', (_label, html) => {
    expect(dangers(parsed(sanitizeArticleHtml(html)))).toEqual([]);
  });

  it('the sanitizer keeps a link to the web and an attachment image, and turns any other image into its alt text', () => {
    const root = parsed(sanitizeArticleHtml('<a href="https://example.org" onclick="x()">ok</a> <img data-attachment-id="4" alt="menu"> <img src="https://evil.example/p.png" alt="pixel">'));
    expect(root.querySelector('a')?.outerHTML).toBe('<a href="https://example.org" target="_blank" rel="noopener noreferrer">ok</a>');
    expect(root.querySelectorAll('img')).toHaveLength(1);
    expect(root.querySelector('img')?.getAttribute('data-attachment-id')).toBe('4');
    expect(root.textContent).toContain('pixel');
  });

  it('shows raw HTML as text', () => {
    const root = dom('<script>window.pwned = 1</script> and <img src=x onerror="window.pwned = 1">');
    expect(root.querySelector('script, img')).toBeNull();
    expect(root.textContent).toContain('<script>window.pwned = 1</script>');
    expect(root.textContent).toContain('<img src=x onerror="window.pwned = 1">');
  });

  it('keeps the text of a refused link, without the link', () => {
    const root = dom('[click me](JaVaScRiPt:alert(1))');
    expect(root.querySelector('a')).toBeNull();
    expect(root.textContent).toContain('click me');
  });

  it('a nested link keeps only links to the web', () => {
    const root = dom('[[inner](javascript:alert(1))](https://example.org)');
    for (const link of root.querySelectorAll('a')) expect(link.getAttribute('href')).toMatch(/^https:/);
  });

  it('an image from anywhere but the article is its alt text', () => {
    const root = dom('Look: ![the tracker](https://evil.example/pixel.png)');
    expect(root.querySelector('img')).toBeNull();
    expect(root.textContent).toBe('Look: the tracker\n');
  });
});

describe('renderArticleMarkdown renders an article', () => {
  it('headings start at level 3 (under the article’s section headings), or where asked', () => {
    expect(renderArticleMarkdown('# Steps\n\n## Then')).toBe('<h3>Steps</h3>\n<h4>Then</h4>\n');
    expect(renderArticleMarkdown('# Steps', { topHeading: 2 })).toBe('<h2>Steps</h2>\n');
    expect(renderArticleMarkdown('###### Deep')).toBe('<h6>Deep</h6>\n');
  });

  it('lists, emphasis and code', () => {
    const html = renderArticleMarkdown('1. Open **Settings**\n2. Choose *Printers*\n3. Run `lpstat -p`\n\n- one\n- two\n\n```\nipconfig /flushdns\n```');
    expect(html).toContain('<ol>\n<li>Open <strong>Settings</strong></li>\n<li>Choose <em>Printers</em></li>\n<li>Run <code>lpstat -p</code></li>\n</ol>');
    expect(html).toContain('<ul>\n<li>one</li>\n<li>two</li>\n</ul>');
    expect(html).toContain('<pre><code>ipconfig /flushdns\n</code></pre>');
  });

  it('a numbered list that starts later keeps its start', () => {
    expect(renderArticleMarkdown('3. three\n4. four')).toContain('<ol start="3">');
  });

  it('links to the web and email open outside the console', () => {
    const root = dom('[Help](https://help.example.org/printers "Printers") or help@district.example');
    const [web, mail] = [...root.querySelectorAll('a')];
    expect(web?.getAttribute('href')).toBe('https://help.example.org/printers');
    expect(web?.getAttribute('title')).toBe('Printers');
    expect(web?.getAttribute('target')).toBe('_blank');
    expect(web?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(mail?.getAttribute('href')).toBe('mailto:help@district.example');
    expect(mail?.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('a bare web address becomes a link', () => {
    expect(dom('Go to https://portal.district.example/reset today').querySelector('a')?.getAttribute('href')).toBe('https://portal.district.example/reset');
  });

  it('an attachment becomes an image without a source, named by its id, for ArticleBody to fill', () => {
    const image = dom('![Printer menu](attachment:12 "The menu")').querySelector('img');
    expect(image?.getAttribute('data-attachment-id')).toBe('12');
    expect(image?.getAttribute('alt')).toBe('Printer menu');
    expect(image?.getAttribute('title')).toBe('The menu');
    expect(image?.hasAttribute('src')).toBe(false);
  });

  it('quotes, rules and tables', () => {
    const html = renderArticleMarkdown('> Note\n\n---\n\n| Model | Fix |\n|---|--:|\n| M404 | Reseat |');
    expect(html).toContain('<blockquote>\n<p>Note</p>\n</blockquote>');
    expect(html).toContain('<hr>');
    expect(html).toContain('<th>Model</th>');
    expect(html).toContain('<td>Reseat</td>');
    expect(html).not.toContain('style=');
  });

  it('typography stays as typed, and nothing at all for blank text', () => {
    expect(renderArticleMarkdown('"quotes" -- (c)')).toBe('<p>"quotes" -- (c)</p>\n');
    expect(renderArticleMarkdown('  \n ')).toBe('');
  });
});

describe('attachment Markdown', () => {
  it('names an attachment, its brackets escaped, and is read back', () => {
    const markdown = attachmentMarkdown(7, 'menu [old].png');
    expect(markdown).toBe('![menu \\[old\\].png](attachment:7)');
    expect(dom(markdown).querySelector('img')?.getAttribute('alt')).toBe('menu [old].png');
    expect(attachmentIdsIn(`${markdown}\n![b](attachment:9) ![c](attachment:7)`)).toEqual([7, 9]);
  });

  it('takes out every place of one attachment, and only that one', () => {
    const text = `See ${attachmentMarkdown(7, 'menu [old].png')} then ![b](attachment:17) and ![c](attachment:7 "title").`;
    expect(withoutAttachment(text, 7)).toBe('See  then ![b](attachment:17) and .');
  });
});
